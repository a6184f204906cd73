namespace RouterOS.Dashboard.Services;

/// <summary>
/// The API names the request field at fault first ("newPassword: a password needs 10 to 256
/// characters"): split that off, so a form shows the rest under the field it concerns.
/// </summary>
public static class FieldProblem
{
    /// <returns>The field (one of <paramref name="fields"/>) and the message; no field when the error names none of them.</returns>
    public static (string? Field, string Message) Split(string error, params string[] fields)
    {
        ArgumentNullException.ThrowIfNull(error);
        var colon = error.IndexOf(": ", StringComparison.Ordinal);
        return colon > 0 && fields.Contains(error[..colon]) ? (error[..colon], error[(colon + 2)..]) : (null, error);
    }
}
