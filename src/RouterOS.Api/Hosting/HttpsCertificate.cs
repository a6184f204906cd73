using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using RouterOS.Files;

namespace RouterOS.Api.Hosting;

/// <summary>
/// The router's own HTTPS certificate: self-signed, made on first start and kept (owner-only) in
/// the keys directory. Nobody can vouch for a router's certificate on a LAN, so the admin checks
/// its SHA-256 fingerprint, printed on the console at every start and shown in the status, against
/// what the browser shows once, and the browser then remembers it.
/// </summary>
public sealed class HttpsCertificate
{
    public const string FileName = "https.pfx";

    private static readonly TimeSpan Lifetime = TimeSpan.FromDays(3650);

    private HttpsCertificate(X509Certificate2 certificate) =>
        (Certificate, Sha256Fingerprint) = (certificate, FingerprintOf(certificate));

    public X509Certificate2 Certificate { get; }

    /// <summary>"AB:CD:...", as browsers show it.</summary>
    public string Sha256Fingerprint { get; }

    public static HttpsCertificate LoadOrCreate(string keysDirectory)
    {
        var path = Path.Combine(keysDirectory, FileName);
        if (!File.Exists(path))
            DurableFile.Write(path, Create().Export(X509ContentType.Pfx));
        return new HttpsCertificate(X509CertificateLoader.LoadPkcs12FromFile(path, null));
    }

    public static string FingerprintOf(X509Certificate2 certificate)
    {
        ArgumentNullException.ThrowIfNull(certificate);
        return string.Join(':', Convert.ToHexString(certificate.GetCertHash(HashAlgorithmName.SHA256)).Chunk(2).Select(pair => new string(pair)));
    }

    /// <summary>ECDSA P-256: quick to make on a small CPU, and every browser takes it.</summary>
    private static X509Certificate2 Create()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var host = Dns.GetHostName();
        var request = new CertificateRequest($"CN={host}, O=RouterOS", key, HashAlgorithmName.SHA256);
        var names = new SubjectAlternativeNameBuilder();
        names.AddDnsName(host);
        names.AddDnsName("localhost");
        names.AddIpAddress(IPAddress.Loopback);
        names.AddIpAddress(IPAddress.IPv6Loopback);
        request.CertificateExtensions.Add(names.Build());
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature, true));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1")], false)); // id-kp-serverAuth, RFC 5280
        var now = DateTimeOffset.UtcNow;
        return request.CreateSelfSigned(now.AddDays(-1), now + Lifetime);
    }
}
