using System.Runtime.InteropServices;

namespace RouterOS.Engine.Kernel;

/// <summary>P/Invoke declarations for libnftables.so.1 (nftables/libnftables.h, Debian libnftables1).</summary>
internal static partial class Libnftables
{
    private const string Library = "libnftables.so.1";

    /// <summary>NFT_CTX_OUTPUT_STATELESS: listings leave out counter values and other state.</summary>
    public const uint OutputStateless = 4;

    /// <summary>NFT_CTX_OUTPUT_HANDLE.</summary>
    public const uint OutputHandle = 8;

    /// <summary>NFT_CTX_OUTPUT_JSON.</summary>
    public const uint OutputJson = 16;

    [LibraryImport(Library, EntryPoint = "nft_ctx_new")]
    public static partial IntPtr ContextNew(uint flags);

    [LibraryImport(Library, EntryPoint = "nft_ctx_free")]
    public static partial void ContextFree(IntPtr context);

    [LibraryImport(Library, EntryPoint = "nft_ctx_buffer_output")]
    public static partial int BufferOutput(IntPtr context);

    [LibraryImport(Library, EntryPoint = "nft_ctx_buffer_error")]
    public static partial int BufferError(IntPtr context);

    [LibraryImport(Library, EntryPoint = "nft_ctx_get_output_buffer")]
    public static partial IntPtr GetOutputBuffer(IntPtr context);

    [LibraryImport(Library, EntryPoint = "nft_ctx_get_error_buffer")]
    public static partial IntPtr GetErrorBuffer(IntPtr context);

    [LibraryImport(Library, EntryPoint = "nft_ctx_set_dry_run")]
    public static partial void SetDryRun(IntPtr context, [MarshalAs(UnmanagedType.U1)] bool dryRun);

    [LibraryImport(Library, EntryPoint = "nft_ctx_output_set_flags")]
    public static partial void SetOutputFlags(IntPtr context, uint flags);

    [LibraryImport(Library, EntryPoint = "nft_run_cmd_from_buffer", StringMarshalling = StringMarshalling.Utf8)]
    public static partial int RunCommand(IntPtr context, string buffer);

    [LibraryImport(Library, EntryPoint = "nft_run_cmd_from_filename", StringMarshalling = StringMarshalling.Utf8)]
    public static partial int RunFile(IntPtr context, string filename);
}
