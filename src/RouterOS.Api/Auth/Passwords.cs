using Microsoft.AspNetCore.Identity;
using RouterOS.Api.Http;
using RouterOS.Api.Store;

namespace RouterOS.Api.Auth;

/// <summary>The admin password: its rules, and ASP.NET Core Identity's hasher (PBKDF2 with a salt).</summary>
internal static class Passwords
{
    public const int MinLength = Contracts.PasswordRules.MinLength;
    public const int MaxLength = Contracts.PasswordRules.MaxLength;

    private static readonly PasswordHasher<UserRow> Hasher = new();

    public static string Hash(UserRow user, string password) => Hasher.HashPassword(user, password);

    public static PasswordVerificationResult Verify(UserRow user, string password) => Hasher.VerifyHashedPassword(user, user.PasswordHash, password);

    public static void Check(string password, string field = "password")
    {
        if (password.Length is < MinLength or > MaxLength)
            throw new BadRequestException($"{field}: a password needs {MinLength} to {MaxLength} characters");
    }
}
