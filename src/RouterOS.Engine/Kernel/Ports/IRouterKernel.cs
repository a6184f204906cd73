namespace RouterOS.Engine.Kernel.Ports;

/// <summary>
/// The router's kernel as the engine sees it: work runs one piece at a time with a
/// <see cref="KernelSession"/>, which is valid only inside that piece of work. The real one is
/// <see cref="RouterKernel"/> (a thread inside the router's namespace).
/// </summary>
public interface IRouterKernel : IDisposable
{
    /// <summary>The network namespace managed, or null for the engine's own.</summary>
    string? NamespaceName { get; }

    T Run<T>(Func<KernelSession, T> work);

    Task<T> RunAsync<T>(Func<KernelSession, T> work);
}
