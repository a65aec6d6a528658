using System.IO;

namespace Miro.Runtime.Runs;

/// <summary>A run folder cannot be used: another process owns it, it holds another run, or it holds none to resume.</summary>
public sealed class RunFolderException : IOException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="folder">The run folder.</param>
    /// <param name="message">What is wrong and what to do.</param>
    /// <param name="inner">The underlying error, if any.</param>
    public RunFolderException(string folder, string message, System.Exception? inner = null)
        : base(message, inner)
    {
        Folder = folder;
    }

    /// <summary>The run folder concerned.</summary>
    public string Folder { get; }
}
