namespace RouterOS.Api.Http;

/// <summary>Requests that only read (RFC 9110 section 9.2.1): no write policy, no antiforgery check, no audit entry.</summary>
public static class SafeMethods
{
    public static bool IsSafe(string method) => HttpMethods.IsGet(method) || HttpMethods.IsHead(method) || HttpMethods.IsOptions(method);

    /// <summary>Marks a POST that only computes an answer (a plan): readable with a read token, not audited.</summary>
    public static TBuilder ChangesNothing<TBuilder>(this TBuilder builder) where TBuilder : IEndpointConventionBuilder =>
        builder.WithMetadata(new ChangesNothingMetadata());

    /// <summary>Marks a GET that hands out what needs the write scope (a backup): audited, and it needs the write policy.</summary>
    public static TBuilder AuditedRead<TBuilder>(this TBuilder builder) where TBuilder : IEndpointConventionBuilder =>
        builder.WithMetadata(new AuditedReadMetadata());

    /// <summary>True for a request the audit log records: anything but a read, and a read marked <see cref="AuditedRead{TBuilder}"/>.</summary>
    public static bool Audited(HttpContext http) =>
        !ReadsOnly(http) || http.GetEndpoint()?.Metadata.GetMetadata<AuditedReadMetadata>() is not null;

    /// <summary>True for a request that reads only: a safe method, or an endpoint marked <see cref="ChangesNothing{TBuilder}"/>.</summary>
    public static bool ReadsOnly(HttpContext http) =>
        IsSafe(http.Request.Method) || http.GetEndpoint()?.Metadata.GetMetadata<ChangesNothingMetadata>() is not null;
}

public sealed class ChangesNothingMetadata;

/// <summary>A GET the audit log records all the same: a backup, which carries the secrets (encrypted).</summary>
public sealed class AuditedReadMetadata;
