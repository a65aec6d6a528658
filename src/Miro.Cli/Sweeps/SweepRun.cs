namespace Miro.Cli.Sweeps;

/// <summary>One finished run of a sweep, as read from its folder's <c>summary.json</c>.</summary>
/// <param name="Directory">The run folder.</param>
/// <param name="Policy">The policy's name.</param>
/// <param name="Configuration">The candidate's number in the tune space.</param>
/// <param name="Values">The candidate's tunable values as a spec writes them.</param>
/// <param name="Seed">The run's seed.</param>
/// <param name="AverageAccuracy">Final average accuracy over all tasks, a fraction.</param>
/// <param name="Joules">Energy of the whole run (sum of the tasks' totals).</param>
/// <param name="Provenance">Where the joules came from (the meters the tasks used, e.g. <c>model</c>).</param>
/// <param name="Seconds">Wall-clock seconds of the run.</param>
internal sealed record SweepRun(string Directory, string Policy, long Configuration, string Values, int Seed, double AverageAccuracy, double Joules, string Provenance, double Seconds)
{
    /// <summary>Accuracy in percent per kilojoule: the sweep's objective, as the profiler's accuracy per joule.</summary>
    public double AccuracyPerKilojoule => 100 * AverageAccuracy / (Joules / 1000);
}
