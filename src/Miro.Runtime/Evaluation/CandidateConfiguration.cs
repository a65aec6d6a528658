namespace Miro.Runtime.Evaluation;

/// <summary>
/// The tune-space candidate a run used as its fixed configuration, recorded in <c>summary.json</c>
/// so a sweep's collector can group run folders by configuration without the spec.
/// </summary>
/// <param name="Number">The candidate's ordinal in the spec's tune space (<c>miro run --list-configurations</c>).</param>
/// <param name="Values">Its tunables' values as a spec writes them (<c>episodic.capacity 200, swap.ratio 25%</c>).</param>
public sealed record CandidateConfiguration(long Number, string Values);
