using Microsoft.AspNetCore.Components;
using RouterOS.Dashboard.Services;
using RouterOS.Domain.Model;
using RouterOS.Domain.Verification;

namespace RouterOS.Dashboard.Editing;

/// <summary>
/// A form that edits one single-object section of the candidate (DNS, the system settings), always
/// open on its page. It checks as the user types as <see cref="ItemForm{T}"/> does: the domain's
/// value types per field, then the verifier on the candidate with the section replaced, its
/// findings beside the fields they name. Cancel puts the candidate's values back.
/// </summary>
public abstract class SettingsForm<T> : ComponentBase where T : class
{
    private bool _loaded;

    [Inject]
    protected ConfigEditor Editor { get; set; } = default!;

    [Inject]
    protected ChangeState Changes { get; set; } = default!;

    [Inject]
    protected MudBlazor.ISnackbar Snackbar { get; set; } = default!;

    protected FieldErrors Errors { get; private set; } = new();

    /// <summary>The API's refusal of the last save, in its words.</summary>
    protected string? SaveError { get; private set; }

    protected bool Saving { get; private set; }

    protected abstract ConfigSetting<T> Setting { get; }

    protected RouterConfig Config => Editor.Candidate;

    /// <summary>Fills the fields from the candidate's section.</summary>
    protected abstract void Load(T value);

    /// <summary>The section the fields describe, or null (with the reasons in <paramref name="errors"/>).</summary>
    protected abstract T? Build(FieldErrors errors);

    protected override void OnParametersSet()
    {
        if (!_loaded)
        {
            Load(Setting.Get(Config));
            _loaded = true;
        }
        _ = Validate();
    }

    // A section always exists, so its problems show at once, as an existing item's do.
    protected void Changed()
    {
        SaveError = null;
        _ = Validate();
    }

    protected bool HasError(string field) => Errors.Has(field);

    protected string? ErrorOf(string field) => Errors[field];

    protected string? WarningOf(string field) => Errors.WarningOf(field);

    protected string? WholeError => Errors[FieldErrors.Whole];

    protected T? Validate()
    {
        var errors = new FieldErrors();
        var value = Build(errors);
        if (value is not null)
        {
            errors.AddFindings(ConfigVerifier.Verify(Setting.Set(Config, value)).Findings, Setting.PathName);
            errors.AddFindings(Changes.PlanFindings, Setting.PathName);
        }
        Errors = errors;
        return value;
    }

    protected async Task SaveAsync()
    {
        var value = Validate();
        if (Errors.HasErrors || value is null)
            return;
        Saving = true;
        var outcome = await Editor.SaveSettingAsync(Setting, value);
        Saving = false;
        if (!outcome.Ok)
        {
            SaveError = outcome.Error;
            Errors.AddFindings(outcome.Findings, Setting.PathName);
            return;
        }
        // What the API kept (it is the candidate now), so the fields show the saved values.
        Load(Setting.Get(Config));
        _ = Validate();
        await Changes.RefreshAsync();
        Snackbar.Add($"The {Setting.PathName} settings are saved in the candidate: review and commit them under Changes.", MudBlazor.Severity.Success);
    }

    /// <summary>Puts the candidate's values back in the fields.</summary>
    protected void Reset()
    {
        SaveError = null;
        Load(Setting.Get(Config));
        _ = Validate();
    }
}
