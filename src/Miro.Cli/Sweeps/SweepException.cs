using System;

namespace Miro.Cli.Sweeps;

/// <summary>A sweep cannot go on; the message names the file or option and what would be right.</summary>
internal sealed class SweepException : Exception
{
    public SweepException(string message)
        : base(message)
    {
    }
}
