using System.Text.Json;
using RouterOS.Api.Contracts;
using RouterOS.Dashboard.Services;
using RouterOS.Domain.Diff;

namespace RouterOS.Dashboard.Tests;

/// <summary>
/// The dashboard reads the API's JSON, as the API writes it, with the API's own records: the shapes
/// that need more of the dashboard's source-generated context than plain properties.
/// </summary>
public sealed class ApiJsonTests
{
    private const string Change = """{ "path": "bridges[br-lan]", "kind": "changed", "fields": ["ports"], "before": "{}", "after": "{}" }""";

    [Fact]
    public void A_diff_is_read_with_its_changes()
    {
        var diff = JsonSerializer.Deserialize($$"""{ "from": "running revision 1", "to": "the candidate", "changes": [{{Change}}] }""", DashboardJson.Default.DiffView);

        var change = Assert.Single(diff!.Changes);
        Assert.Equal(("bridges[br-lan]", ChangeKind.Changed, "ports"), (change.Path, change.Kind, Assert.Single(change.Fields)));
    }

    [Fact]
    public void A_plan_is_read_with_its_changes_and_the_engine_s()
    {
        var plan = JsonSerializer.Deserialize($$"""
            { "valid": true, "findings": [], "changes": [{{Change}}], "nftRuleset": "table inet routeros { }",
              "engineChanges": [{ "path": "bridges[br-lan]", "action": "change", "changeClass": "applied_live", "detail": "ports" }] }
            """, DashboardJson.Default.PlanView);

        Assert.Equal("bridges[br-lan]", Assert.Single(plan!.Changes).Path);
        Assert.Equal("applied_live", Assert.Single(plan.EngineChanges).ChangeClass);
    }

    [Fact]
    public void Revision_states_and_token_scopes_are_read_by_name()
    {
        var revision = JsonSerializer.Deserialize("""
            { "number": 2, "createdAt": "2026-12-05T10:00:00Z", "author": "admin", "source": "ui", "message": "", "state": "RolledBack",
              "previousNumber": 1, "changeCount": 1 }
            """, DashboardJson.Default.RevisionSummary);
        var tokens = JsonSerializer.Deserialize("""[{ "name": "backup", "scope": "write", "createdAt": "2026-12-05T10:00:00Z", "createdBy": "admin" }]""",
            DashboardJson.Default.ListTokenView);

        Assert.Equal(RevisionState.RolledBack, revision!.State);
        Assert.Equal(TokenScope.Write, Assert.Single(tokens!).Scope);
    }

    [Fact]
    public void A_token_request_leaves_out_an_expiry_it_does_not_have()
    {
        var json = JsonSerializer.Serialize(new TokenRequest("backup", TokenScope.Read), DashboardJson.Default.TokenRequest);

        Assert.Equal("""{"name":"backup","scope":"read"}""", json);
    }
}
