namespace Miro.Runtime.Memory;

/// <summary>The identity of one stored sample; its features travel separately in a caller's buffer.</summary>
/// <param name="Id">The sample's id in the store (increasing in write order).</param>
/// <param name="SourceId">The id the sample had in the stream (e.g. its dataset index), as given to <see cref="SampleStore.Append(int, System.ReadOnlySpan{long}, System.ReadOnlySpan{int}, System.ReadOnlySpan{byte})"/>.</param>
/// <param name="Label">The class label.</param>
/// <param name="Task">The task (1-based) whose stream contained the sample.</param>
public readonly record struct SampleHeader(long Id, long SourceId, int Label, int Task);
