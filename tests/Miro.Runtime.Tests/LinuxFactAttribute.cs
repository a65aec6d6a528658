using System;
using Xunit;

namespace Miro.Runtime.Tests;

/// <summary>
/// A fact about Linux only (ELF files, libc, /proc): reported as skipped elsewhere rather than
/// passing without having checked anything.
/// </summary>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false)]
public sealed class LinuxFactAttribute : FactAttribute
{
    public LinuxFactAttribute()
    {
        if (!OperatingSystem.IsLinux())
        {
            Skip = "Linux only";
        }
    }
}
