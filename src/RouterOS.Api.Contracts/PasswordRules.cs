namespace RouterOS.Api.Contracts;

/// <summary>The password rules the API checks, here so the dashboard's hints say the same numbers.</summary>
public static class PasswordRules
{
    public const int MinLength = 10;
    public const int MaxLength = 256;

    /// <summary>The hint under a new-password field.</summary>
    public static string Hint => $"{MinLength} to {MaxLength} characters";
}
