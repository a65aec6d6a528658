using System;
using System.Runtime.InteropServices;
using TorchSharp;

namespace Miro.Runtime.Native;

/// <summary>
/// The single entry point that prepares libtorch for this process: the OpenMP wait policy (which
/// must be set natively before libtorch loads), the convolution kernels
/// (<see cref="ConvolutionBackends"/>) and the intra-op thread count.
/// </summary>
public static partial class TorchRuntime
{
    private const string OmpWaitPolicy = "OMP_WAIT_POLICY";
    private static readonly object Gate = new();
    private static bool _environmentPrepared;

    /// <summary>
    /// Prepares the native environment (once per process) and sets libtorch's intra-op thread count.
    /// Call it before any other TorchSharp call; calling it again only changes the thread count.
    /// </summary>
    /// <param name="threads">Intra-op threads (at least 1).</param>
    public static void Initialize(int threads)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(threads, 1);
        lock (Gate)
        {
            EnsureInitialized();
            if (torch.get_num_threads() != threads)
            {
                torch.set_num_threads(threads);
            }
        }
    }

    /// <summary>
    /// Prepares the native environment once per process without touching the thread count; every
    /// runtime entry point that may be the first TorchSharp call goes through here.
    /// </summary>
    public static void EnsureInitialized()
    {
        lock (Gate)
        {
            if (!_environmentPrepared)
            {
                PrepareNativeEnvironment();
                torch.InitializeDeviceType(DeviceType.CPU);
                ConvolutionBackends.UseReferenceKernels();
                _environmentPrepared = true;
            }
        }
    }

    /// <summary>
    /// libgomp spin-waits between parallel regions by default; with 2 threads on a 2-core machine
    /// that made training 60x slower (DESIGN.md §7). libgomp reads OMP_WAIT_POLICY when libtorch
    /// loads, from the native environment: Environment.SetEnvironmentVariable does not reach it on
    /// Linux, so libc setenv is called directly. overwrite = 0 keeps a value the user set.
    /// </summary>
    private static void PrepareNativeEnvironment()
    {
        if (!OperatingSystem.IsLinux() && !OperatingSystem.IsMacOS())
        {
            return;
        }

        if (Environment.GetEnvironmentVariable(OmpWaitPolicy) is null)
        {
            _ = LibC.setenv(OmpWaitPolicy, "PASSIVE", 0);
        }
    }

    private static partial class LibC
    {
        [LibraryImport("libc", StringMarshalling = StringMarshalling.Utf8)]
        internal static partial int setenv(string name, string value, int overwrite);
    }
}
