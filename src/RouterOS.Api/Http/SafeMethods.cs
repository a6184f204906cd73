namespace RouterOS.Api.Http;

/// <summary>Requests that only read (RFC 9110 section 9.2.1): no write policy, no antiforgery check, no audit entry.</summary>
public static class SafeMethods
{
    public static bool IsSafe(string method) => HttpMethods.IsGet(method) || HttpMethods.IsHead(method) || HttpMethods.IsOptions(method);
}
