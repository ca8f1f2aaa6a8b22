using System.Security.Cryptography;
using Microsoft.AspNetCore.Identity;

namespace Baton.Core.Accounts;

/// <summary>
/// A password hash whose password no one knows, made once by the same hasher as real accounts, so that
/// a sign-in with an unknown user name costs the same password hashing as one with a known name.
/// </summary>
public sealed class SignInDecoy
{
    private static readonly BatonUser s_owner = new() { UserName = "decoy", DisplayName = "decoy" };
    private string? _hash;

    /// <summary>Checks <paramref name="password"/> against the decoy hash; the answer is always no.</summary>
    public void Verify(IPasswordHasher<BatonUser> hasher, string password)
    {
        // A race makes two decoy hashes, either as good as the other.
        _hash ??= hasher.HashPassword(s_owner, Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)));
        hasher.VerifyHashedPassword(s_owner, _hash, password);
    }
}
