using System;
using System.Runtime.InteropServices;
using Miro.Runtime.Native;
using TorchSharp;
using Xunit;

namespace Miro.Runtime.Tests.Native;

public sealed partial class TorchRuntimeTests
{
    [Fact]
    public void TorchSharp_loads_creates_a_tensor_and_runs_backward()
    {
        TorchRuntime.Initialize(1);
        using var scope = torch.NewDisposeScope();

        var x = torch.tensor(new float[] { 1f, 2f, 3f }, requires_grad: true);
        var y = (x * x).sum();
        y.backward();

        Assert.Equal(14f, y.item<float>());
        Assert.Equal(new float[] { 2f, 4f, 6f }, x.grad!.data<float>().ToArray());
    }

    [Fact]
    public void Initialize_sets_the_thread_count()
    {
        TorchRuntime.Initialize(2);
        Assert.Equal(2, torch.get_num_threads());
        TorchRuntime.Initialize(1);
        Assert.Equal(1, torch.get_num_threads());
    }

    [LinuxFact]
    public void Initialize_sets_a_passive_OpenMP_wait_policy_in_the_native_environment_unless_set()
    {
        TorchRuntime.Initialize(1);
        // The user's own value (if any) wins; otherwise the runtime set PASSIVE natively.
        string expected = Environment.GetEnvironmentVariable("OMP_WAIT_POLICY") ?? "PASSIVE";
        Assert.Equal(expected, Marshal.PtrToStringUTF8(LibC.getenv("OMP_WAIT_POLICY")));
    }

    [LinuxFact]
    public void Initialize_turns_oneDNN_off_so_convolutions_run_the_reference_kernels()
    {
        TorchRuntime.Initialize(1);

        Assert.True(ConvolutionBackends.ReferenceKernels, "oneDNN is still on: its AVX-512 convolutions return NaN for Reduced ResNet-18's channel counts");
    }

    private static partial class LibC
    {
        [LibraryImport("libc", StringMarshalling = StringMarshalling.Utf8)]
        internal static partial IntPtr getenv(string name);
    }
}
