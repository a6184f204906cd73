using RouterOS.Domain.Values;
using RouterOS.Domain.Verification;

namespace RouterOS.Dashboard.Editing;

/// <summary>
/// The problems of one form, by field (the field's JSON name, as configuration paths name it:
/// "mtu", "ports", "match.source"). Values are parsed with the domain's own value types, so a
/// field is refused here for exactly the reason the API would refuse it.
/// </summary>
public sealed class FieldErrors
{
    /// <summary>The key of problems that concern the whole object, not one field.</summary>
    public const string Whole = "";

    private readonly Dictionary<string, string> _errors = [];
    private readonly Dictionary<string, string> _warnings = [];

    public bool HasErrors => _errors.Count > 0;

    public bool Has(string field) => _errors.ContainsKey(field);

    public string? this[string field] => _errors.GetValueOrDefault(field);

    public string? WarningOf(string field) => _warnings.GetValueOrDefault(field);

    public IEnumerable<KeyValuePair<string, string>> Errors => _errors;

    public IEnumerable<KeyValuePair<string, string>> Warnings => _warnings;

    /// <summary>A required value; an empty field is an error.</summary>
    public T? Required<T>(string field, string? text) where T : class, IConfigValue<T> =>
        TryParse(field, text, out T value) ? value : null;

    /// <summary>An optional value: empty means "not set", anything else must parse.</summary>
    public T? Optional<T>(string field, string? text) where T : class, IConfigValue<T> =>
        string.IsNullOrWhiteSpace(text) ? null : Required<T>(field, text);

    /// <summary>An optional value type with a text form (a flowtable priority, a DSCP class).</summary>
    public T? OptionalValue<T>(string field, string? text) where T : struct, IConfigValue<T> =>
        !string.IsNullOrWhiteSpace(text) && TryParse(field, text, out T value) ? value : null;

    /// <summary>A list typed into one field, separated by commas or spaces ("192.0.2.53, 2001:db8::53"): empty is an empty list.</summary>
    public EquatableArray<T> ListOf<T>(string field, string? text) where T : class, IConfigValue<T>
    {
        var items = new List<T>();
        foreach (var word in (text ?? "").Split([',', ' ', '\t', '\n'], StringSplitOptions.RemoveEmptyEntries))
        {
            if (!TryParse(field, word, out T value))
                break;
            items.Add(value);
        }
        return [.. items];
    }

    /// <summary>A list of value types typed into one field ("22, 8000-8080"): empty is an empty list.</summary>
    public EquatableArray<T> ValuesOf<T>(string field, string? text) where T : struct, IConfigValue<T>
    {
        var items = new List<T>();
        foreach (var word in (text ?? "").Split([',', ' ', '\t', '\n'], StringSplitOptions.RemoveEmptyEntries))
        {
            if (!TryParse(field, word, out T value))
                break;
            items.Add(value);
        }
        return [.. items];
    }

    /// <summary>A number field (a VLAN id, an MTU): empty is "not set"; the domain checks the range.</summary>
    public T? Number<T>(string field, int? number) where T : struct, IConfigValue<T>
    {
        if (number is null)
            return null;
        if (T.TryFromNumber(number.Value, out var value, out var problem))
            return value;
        Add(field, problem);
        return null;
    }

    /// <summary>A number field that must be filled.</summary>
    public T? RequiredNumber<T>(string field, int? number) where T : struct, IConfigValue<T>
    {
        if (number is null)
            Add(field, "required");
        return Number<T>(field, number);
    }

    private bool TryParse<T>(string field, string? text, out T value) where T : IConfigValue<T>
    {
        if (T.TryParse(text?.Trim(), out value, out var problem))
            return true;
        Add(field, problem);
        return false;
    }

    /// <summary>Why a save is refused, in one sentence naming every problem (each field's with its name): a blocked save always says why.</summary>
    public string BlockedReason() =>
        $"Not saved: {string.Join("; ", _errors.Select(e => e.Key == Whole ? e.Value : $"{e.Key}: {e.Value}"))}.";

    /// <summary>The first problem per field wins: it is the one to fix first.</summary>
    public void Add(string field, string message) => _errors.TryAdd(field, message);

    /// <summary>Puts each finding about <paramref name="itemPath"/> beside the field it names; findings about other objects are left out.</summary>
    public void AddFindings(IEnumerable<ConfigFinding> findings, string itemPath)
    {
        ArgumentNullException.ThrowIfNull(findings);
        foreach (var finding in findings)
        {
            if (FieldOf(finding.Path, itemPath) is { } field)
                Add(finding, field);
        }
    }

    /// <summary>The API's answer to a write of one item: its body reader names paths inside the item ("address", "ports[1].name").</summary>
    public void AddItemFindings(IEnumerable<ConfigFinding> findings)
    {
        ArgumentNullException.ThrowIfNull(findings);
        foreach (var finding in findings)
            Add(finding, FieldOfRelative(finding.Path));
    }

    /// <summary>"bridges[br0].ports[eth9].vlans" about item "bridges[br0]" is field "ports"; null when the path is about another object.</summary>
    public static string? FieldOf(string path, string itemPath)
    {
        ArgumentNullException.ThrowIfNull(path);
        ArgumentNullException.ThrowIfNull(itemPath);
        if (path == itemPath)
            return Whole;
        return path.StartsWith(itemPath + ".", StringComparison.Ordinal) ? FieldOfRelative(path[(itemPath.Length + 1)..]) : null;
    }

    private static string FieldOfRelative(string path)
    {
        var cut = path.IndexOf('[', StringComparison.Ordinal);
        return cut < 0 ? path : path[..cut];
    }

    private void Add(ConfigFinding finding, string field)
    {
        if (finding.Severity == Severity.Error)
            Add(field, finding.Message);
        else
            _warnings.TryAdd(field, finding.Message);
    }
}
