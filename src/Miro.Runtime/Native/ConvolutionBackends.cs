using System;
using System.Runtime.InteropServices;
using TorchSharp;

namespace Miro.Runtime.Native;

/// <summary>
/// Which kernels libtorch convolves with. libtorch 2.10 (TorchSharp-cpu 0.107) convolves float32 on
/// x86 with oneDNN 3.7.1, whose AVX-512 kernels for channel counts that are not a multiple of 16
/// (Reduced ResNet-18's 20, 40, 80, 160) read memory they never wrote: from finite inputs and weights
/// a forward pass returned NaN in about 1 pass in 4, and training Reduced ResNet-18 on 3×32×32
/// batches gave a NaN loss in 13 of 45 steps (docs/runtime.md). Miro therefore turns oneDNN off for the
/// process, as <c>torch.backends.mkldnn.enabled = False</c> does in Python, so convolutions run
/// libtorch's own im2col + BLAS kernels (0 NaN in 600 passes; Reduced ResNet-18 trains about 1.5×
/// slower, the small CNN about 1.2× faster). NNPACK, which libtorch would try next, cannot
/// initialise on these CPUs and logs a warning per thread, so it is turned off too.
/// </summary>
/// <remarks>
/// TorchSharp exposes neither switch, so the setters of libtorch's <c>at::Context</c> are called
/// through their exported C++ symbols (Itanium ABI, Linux x64: the object pointer is the first
/// argument). Where the symbols are missing (another platform's name mangling, another libtorch),
/// libtorch's defaults stay and <see cref="ReferenceKernels"/> says so.
/// </remarks>
public static class ConvolutionBackends
{
    private const string GlobalContext = "_ZN2at13globalContextEv";
    private const string SetMkldnn = "_ZN2at7Context20setUserEnabledMkldnnEb";
    private const string GetMkldnn = "_ZNK2at7Context17userEnabledMkldnnEv";
    private const string SetNnpack = "_ZN2at7Context20setUserEnabledNNPACKEb";

    /// <summary>Whether convolutions run libtorch's reference kernels (oneDNN and NNPACK off).</summary>
    public static bool ReferenceKernels { get; private set; }

    /// <summary>Turns oneDNN and NNPACK off for the process (libtorch must be loaded).</summary>
    internal static unsafe void UseReferenceKernels()
    {
        if (!OperatingSystem.IsLinux() || RuntimeInformation.ProcessArchitecture != Architecture.X64
            || !NativeLibrary.TryLoad("libtorch_cpu.so", typeof(torch).Assembly, null, out IntPtr library)
            || !NativeLibrary.TryGetExport(library, GlobalContext, out IntPtr context)
            || !NativeLibrary.TryGetExport(library, SetMkldnn, out IntPtr setMkldnn)
            || !NativeLibrary.TryGetExport(library, GetMkldnn, out IntPtr getMkldnn)
            || !NativeLibrary.TryGetExport(library, SetNnpack, out IntPtr setNnpack))
        {
            return;
        }

        IntPtr globalContext = ((delegate* unmanaged<IntPtr>)context)();
        ((delegate* unmanaged<IntPtr, byte, void>)setMkldnn)(globalContext, 0);
        ((delegate* unmanaged<IntPtr, byte, void>)setNnpack)(globalContext, 0);
        ReferenceKernels = ((delegate* unmanaged<IntPtr, byte>)getMkldnn)(globalContext) == 0;
    }
}
