using System.Security.Cryptography;
using RouterOS.Api.Store;

namespace RouterOS.Api.Auth;

/// <summary>
/// There is no default password. While no admin exists, the API makes a one-time setup token and
/// prints it as one line, "Setup token: ...", to its output (which `make run` shows); whoever can
/// read the router's console can set the admin password with it. A new token is made at every
/// start until setup is done.
/// </summary>
public sealed class SetupToken
{
    private readonly Lock _lock = new();
    private string? _token;

    /// <summary>The current token, or null once setup is done (or before start-up made one).</summary>
    public string? Value
    {
        get
        {
            lock (_lock)
                return _token;
        }
    }

    public async Task IssueIfNeededAsync(UserStore users, TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(users);
        ArgumentNullException.ThrowIfNull(output);
        if (await users.AnyAsync(CancellationToken.None))
            return;
        var token = Convert.ToHexString(RandomNumberGenerator.GetBytes(16)).ToLowerInvariant();
        lock (_lock)
            _token = token;
        await output.WriteLineAsync($"Setup token: {token}");
        await output.FlushAsync();
    }

    /// <summary>Whether the offered token is the current one; constant-time, so timing tells nothing about it.</summary>
    public bool Matches(string? offered)
    {
        lock (_lock)
        {
            return _token is not null && offered is not null
                && CryptographicOperations.FixedTimeEquals(System.Text.Encoding.UTF8.GetBytes(_token), System.Text.Encoding.UTF8.GetBytes(offered));
        }
    }

    /// <summary>Setup is done (the admin is saved): the token is of no more use.</summary>
    public void Spend()
    {
        lock (_lock)
            _token = null;
    }
}
