using Microsoft.AspNetCore.Components;
using RouterOS.Dashboard.Services;
using RouterOS.Domain.Model;
using RouterOS.Domain.Verification;

namespace RouterOS.Dashboard.Editing;

/// <summary>
/// A form that edits one item of a configuration list in the candidate. As the user types it
/// builds the item with the domain's value types and runs the domain's verifier on the candidate
/// with the item in place, so the errors beside each field are the API's own; the plan's findings
/// (e.g. the kernel cannot do this) and the API's answer to a save are put beside their fields too.
/// A field shows its problem once touched, and every field after a save was tried.
/// </summary>
public abstract class ItemForm<T> : ComponentBase where T : class
{
    private readonly HashSet<string> _touched = [];
    private bool _loaded;
    private bool _submitted;

    [Inject]
    protected ConfigEditor Editor { get; set; } = default!;

    [Inject]
    protected ChangeState Changes { get; set; } = default!;

    /// <summary>The item being edited; null for a new one.</summary>
    [Parameter]
    public T? Existing { get; set; }

    /// <summary>Called when the form is done: with what was saved, or null when cancelled.</summary>
    [Parameter]
    public EventCallback<string?> OnClosed { get; set; }

    protected FieldErrors Errors { get; private set; } = new();

    /// <summary>The API's refusal of the last save, in its words.</summary>
    protected string? SaveError { get; private set; }

    protected bool Saving { get; private set; }

    protected abstract ConfigList<T> List { get; }

    protected RouterConfig Config => Editor.Candidate;

    protected string? ExistingKey => Existing is null ? null : List.Key(Existing);

    /// <summary>Fills the fields from an existing item.</summary>
    protected abstract void Load(T item);

    /// <summary>The item the fields describe, or null (with the reasons in <paramref name="errors"/>).</summary>
    protected abstract T? Build(FieldErrors errors);

    protected override void OnParametersSet()
    {
        if (!_loaded && Existing is not null)
        {
            Load(Existing);
            _loaded = true;
        }
        _ = Validate();
    }

    /// <summary>After the user changed <paramref name="field"/>: mark it touched and check again.</summary>
    protected void Changed(string field)
    {
        _touched.Add(field);
        SaveError = null;
        _ = Validate();
    }

    protected bool HasError(string field) => IsShown(field) && Errors.Has(field);

    protected string? ErrorOf(string field) => IsShown(field) ? Errors[field] : null;

    protected string? WarningOf(string field) => IsShown(field) ? Errors.WarningOf(field) : null;

    /// <summary>Problems about the whole item (not one field), once shown.</summary>
    protected string? WholeError => _submitted || Existing is not null ? Errors[FieldErrors.Whole] : null;

    /// <returns>The item the fields describe, or null when they do not describe one.</returns>
    protected T? Validate()
    {
        var errors = new FieldErrors();
        var item = Build(errors);
        if (item is not null)
        {
            var path = List.PathOf(item);
            errors.AddFindings(ConfigVerifier.Verify(List.Place(Config, item, ExistingKey)).Findings, path);
            // The last plan's findings were about the item as it was then: once the item is edited
            // they may quote values it no longer has, and the verifier above speaks for it instead.
            if (ExistingKey == List.Key(item) && item.Equals(Existing))
                errors.AddFindings(Changes.PlanFindings, path);
        }
        Errors = errors;
        return item;
    }

    protected async Task SaveAsync()
    {
        _submitted = true;
        var item = Validate();
        if (Errors.HasErrors || item is null)
        {
            // Never a silent no-op: a problem on a field this form does not show (a static lease
            // of a DHCP server, say) would otherwise block the save without a word.
            SaveError = Errors.BlockedReason();
            return;
        }
        Saving = true;
        SaveOutcome outcome;
        if (WholeEdit(Config, item) is { } whole)
        {
            outcome = await Editor.SaveWholeAsync(whole);
        }
        else
        {
            outcome = await Editor.SaveAsync(List, item);
            if (outcome.Ok && ExistingKey is { } renamed && renamed != List.Key(item))
                outcome = await Editor.DeleteAsync(List, renamed);
        }
        Saving = false;
        if (!outcome.Ok)
        {
            SaveError = outcome.Error;
            Errors.AddItemFindings(outcome.Findings);
            return;
        }
        await Changes.RefreshAsync();
        await OnClosed.InvokeAsync($"{List.PathOf(item)} saved in the candidate: review and commit it under Changes.");
    }

    protected Task CancelAsync() => OnClosed.InvokeAsync(null);

    /// <summary>
    /// The whole candidate, when saving <paramref name="item"/> brings further edits with it (the
    /// dependants a renumbered address carries along): saved in one write, so the item never lands
    /// without them. Null for the usual save of the item alone.
    /// </summary>
    protected virtual RouterConfig? WholeEdit(RouterConfig candidate, T item) => null;

    /// <summary>Whether the problems of <paramref name="field"/> are shown yet: once touched, after a save was tried, or always when editing.</summary>
    protected bool IsShown(string field) => _submitted || Existing is not null || _touched.Contains(field);
}
