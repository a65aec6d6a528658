namespace Miro.Cli;

/// <summary>The parsed arguments of <c>miro run</c> (see <see cref="RunCommand.Create"/> for the command line).</summary>
internal sealed record RunOptions(string SpecPath, string? DataDirectory, int Seed, string? OutputDirectory, int? Threads, string? PolicyName, string? ResumeDirectory = null,
    int CheckpointEverySteps = RunOptions.DefaultCheckpointEverySteps, bool NoProgress = false, bool Json = false)
{
    /// <summary>
    /// Training steps between two checkpoints inside an epoch when <c>--checkpoint-every</c> is not
    /// given: a kill loses at most this many steps (a few seconds of MLP training), and one write of
    /// the checkpoint costs a few milliseconds.
    /// </summary>
    public const int DefaultCheckpointEverySteps = 200;
}
