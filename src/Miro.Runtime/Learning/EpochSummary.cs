namespace Miro.Runtime.Learning;

/// <summary>What one epoch did.</summary>
/// <param name="Steps">Optimisation steps taken.</param>
/// <param name="Samples">Rows trained on (stream + replay).</param>
/// <param name="MeanLoss">Mean step loss.</param>
/// <param name="Verdict">How the epoch ended (<see cref="StepVerdict.Continue"/> when it ran to the end).</param>
public sealed record EpochSummary(int Steps, long Samples, double MeanLoss, StepVerdict Verdict);
