using BenchmarkDotNet.Running;

namespace Miro.Benchmarks;

/// <summary>Runs the benchmarks selected on the command line (BenchmarkDotNet's switcher).</summary>
public static class Program
{
    public static void Main(string[] args) => BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
}
