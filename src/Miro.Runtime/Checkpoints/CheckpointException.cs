using System.IO;

namespace Miro.Runtime.Checkpoints;

/// <summary>A checkpoint cannot be read or does not belong to this run; the message names the file and what to do.</summary>
public sealed class CheckpointException : IOException
{
    /// <summary>Creates the exception.</summary>
    public CheckpointException(string filePath, string message, System.Exception? inner = null)
        : base(message, inner)
    {
        FilePath = filePath;
    }

    /// <summary>The checkpoint file concerned.</summary>
    public string FilePath { get; }
}
