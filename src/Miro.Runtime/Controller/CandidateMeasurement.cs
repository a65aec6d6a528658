namespace Miro.Runtime.Controller;

/// <summary>A candidate as the selection sees it: its validation accuracy and estimated task joules.</summary>
/// <param name="Candidate">The configuration.</param>
/// <param name="ValidationAccuracy">Validation accuracy of its trial.</param>
/// <param name="TaskJoules">Estimated joules of the whole task with it (<see cref="EnergyExtrapolation"/>).</param>
public sealed record CandidateMeasurement(Candidate Candidate, double ValidationAccuracy, double TaskJoules);
