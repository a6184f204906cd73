using RouterOS.Domain.Json;
using RouterOS.Domain.Model;
using RouterOS.Domain.Values;

namespace RouterOS.Domain.Tests.Json;

public class RouterConfigJsonTests
{
    private static ConfigReadResult Read(string json) => RouterConfigJson.Read(json);

    private static void AssertError(string json, string path, string message)
    {
        var result = Read(json);
        Assert.False(result.IsSuccess, "expected the document to be refused");
        Assert.Equal(path, result.Error!.Path);
        Assert.Contains(message, result.Error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Reads_a_minimal_document_with_defaults_filled_in()
    {
        var config = RouterConfigJson.Parse("""{ "schemaVersion": 1, "ports": [ { "name": "eth0" } ] }""");

        var port = Assert.Single(config.Ports);
        Assert.Equal(new Port(InterfaceName.Parse("eth0")), port);
        Assert.True(port.Enabled);
        Assert.True(config.Bridges.IsEmpty);
    }

    [Fact]
    public void Writes_camel_case_enums_by_their_standard_names_and_leaves_out_nulls()
    {
        var config = RouterConfig.Empty with
        {
            Vlans = [new VlanDevice(InterfaceName.Parse("eth0.7"), InterfaceName.Parse("eth0"), VlanId.From(7), VlanProtocol.Dot1Ad)],
            Flowtables = [new Flowtable(ObjectName.Parse("ft"), Priority: FlowtablePriority.Parse("filter + 5"))],
        };

        var json = RouterConfigJson.Write(config);

        Assert.Contains("\"protocol\": \"802.1ad\"", json, StringComparison.Ordinal);
        Assert.Contains("\"priority\": \"filter + 5\"", json, StringComparison.Ordinal);
        Assert.Contains("\"schemaVersion\": 1", json, StringComparison.Ordinal);
        Assert.DoesNotContain("null", json, StringComparison.Ordinal);
        Assert.DoesNotContain("description", json, StringComparison.Ordinal);
    }

    [Fact]
    public void Writes_only_the_fields_it_reads_not_the_derived_ones()
    {
        var json = RouterConfigJson.Write(Support.ExampleConfigs.Load("home-router"));

        foreach (var derived in new[] { "OrDefault", "effective", "\"key\"" })
            Assert.DoesNotContain(derived, json, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void Refuses_an_unknown_field_so_a_typo_is_not_ignored() =>
        AssertError("""{ "schemaVersion": 1, "ports": [ { "name": "eth0", "mut": 1400 } ] }""", "ports[0].mut", "could not be mapped");

    [Fact]
    public void Refuses_a_duplicate_field() =>
        AssertError("""{ "schemaVersion": 1, "ports": [ { "name": "eth0", "name": "eth1" } ] }""", "ports[0].name", "Duplicate");

    [Fact]
    public void Refuses_a_missing_required_field() =>
        AssertError("""{ "schemaVersion": 1, "vlans": [ { "name": "eth0.7", "parent": "eth0" } ] }""", "vlans[0]", "missing required properties including: 'id'");

    [Fact]
    public void Refuses_null_for_a_list() =>
        AssertError("""{ "schemaVersion": 1, "ports": null }""", "ports", "not null");

    [Fact]
    public void Refuses_null_for_a_required_value() =>
        AssertError("""{ "schemaVersion": 1, "ports": [ { "name": null } ] }""", "ports[0].name", "null");

    [Fact]
    public void Refuses_a_null_list_item() =>
        AssertError("""{ "schemaVersion": 1, "ports": [ null ] }""", "ports[0]", "must not be null");

    [Fact]
    public void Reports_a_value_rule_with_its_path_and_position() =>
        AssertError("""
            {
              "schemaVersion": 1,
              "vlans": [ { "name": "eth0.7", "parent": "eth0", "id": 4095 } ]
            }
            """, "vlans[0].id", "VLAN id 4095 is out of range: use 1 to 4094 (line 3");

    [Fact]
    public void Reports_the_full_path_of_an_error_deep_inside_lists() =>
        AssertError("""
            { "schemaVersion": 1,
              "bridges": [ { "name": "br0", "ports": [ { "name": "eth1" }, { "name": "eth2", "vlans": [ { "vlan": 0 } ] } ] } ] }
            """, "bridges[0].ports[1].vlans[0].vlan", "VLAN id 0 is out of range");

    [Fact]
    public void Reports_a_wrong_type() =>
        AssertError("""{ "schemaVersion": 1, "ports": [ { "name": "eth0", "enabled": "yes" } ] }""", "ports[0].enabled", "could not be converted");

    [Fact]
    public void Reports_a_number_where_a_name_belongs() =>
        AssertError("""{ "schemaVersion": 1, "ports": [ { "name": 7 } ] }""", "ports[0].name", "must be a string, not a number");

    [Fact]
    public void Reports_a_number_in_quotes_where_a_plain_number_belongs() =>
        AssertError("""{ "schemaVersion": 1, "ports": [ { "name": "eth0", "mtu": "1500" } ] }""", "ports[0].mtu", "not text in quotes");

    [Fact]
    public void Reads_symbolic_values_as_text_and_numbers_alike() =>
        Assert.True(Read("""{ "schemaVersion": 1, "flowtables": [ { "name": "ft", "priority": -10 }, { "name": "ft2", "priority": "filter" } ] }""").IsSuccess);

    [Fact]
    public void Reports_a_fraction_where_a_whole_number_belongs() =>
        AssertError("""{ "schemaVersion": 1, "ports": [ { "name": "eth0", "mtu": 1500.5 } ] }""", "ports[0].mtu", "whole number");

    [Fact]
    public void Reports_malformed_json_with_its_position()
    {
        var result = Read("{ \"schemaVersion\": 1,\n  \"ports\": [ { \"name\": \"eth0\" } \n");
        Assert.False(result.IsSuccess);
        Assert.Contains("(line", result.Error!.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("2", "schema version 2, written by a newer RouterOS")]
    [InlineData("0", "schema version 0 is unknown")]
    public void Reports_another_schema_version_before_anything_else(string version, string message) =>
        AssertError($$"""{ "schemaVersion": {{version}}, "someFutureField": true }""", "schemaVersion", message);

    [Theory]
    [InlineData("")]
    [InlineData("null")]
    [InlineData("[]")]
    [InlineData("\"config\"")]
    [InlineData("{}")]
    public void Refuses_documents_that_are_not_a_configuration(string json) => Assert.False(Read(json).IsSuccess);

    [Fact]
    public void Parse_throws_the_validation_exception_with_the_path()
    {
        var e = Assert.Throws<ConfigValidationException>(() => RouterConfigJson.Parse("""{ "schemaVersion": 1, "ports": [ { "name": "a/b" } ] }"""));
        Assert.Equal("ports[0].name", e.Path);
    }

    [Fact]
    public void Accepts_comments_since_people_annotate_configuration_files() =>
        Assert.True(Read("""
            {
              // the WAN port
              "schemaVersion": 1, "ports": [ { "name": "eth0" } ]
            }
            """).IsSuccess);
}
