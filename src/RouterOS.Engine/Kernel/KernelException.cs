using System.Runtime.InteropServices;

namespace RouterOS.Engine.Kernel;

/// <summary>
/// The kernel refused a request: errno, the kernel's own extended-ack message when it sent one,
/// and what the engine was doing. Nothing in the request was applied.
/// </summary>
public sealed class KernelException : Exception
{
    public KernelException() { }

    public KernelException(string message) : base(message) { }

    public KernelException(string message, Exception innerException) : base(message, innerException) { }

    public KernelException(string operation, int errno, string? kernelMessage)
        : base(Describe(operation, errno, kernelMessage))
    {
        Operation = operation;
        Errno = errno;
        KernelMessage = kernelMessage;
    }

    public string Operation { get; } = "";

    /// <summary>Positive errno (ENOENT = 2, EEXIST = 17, EOPNOTSUPP = 95...).</summary>
    public int Errno { get; }

    public string? KernelMessage { get; }

    public const int ENOENT = 2;
    public const int EINTR = 4;
    public const int ENODEV = 19;
    public const int EEXIST = 17;
    public const int ENOBUFS = 105;
    public const int EOPNOTSUPP = 95;
    public const int EADDRNOTAVAIL = 99;
    public const int ESRCH = 3;
    public const int EPROTO = 71;
    public const int EAGAIN = 11;

    private static string Describe(string operation, int errno, string? kernelMessage)
    {
        var text = $"{operation}: {Marshal.GetPInvokeErrorMessage(errno)} (errno {errno})";
        return string.IsNullOrEmpty(kernelMessage) ? text : $"{text}: {kernelMessage}";
    }
}
