namespace Miro.Dsl.Diagnostics;

/// <summary>
/// The stable ID of every diagnostic in <see cref="DiagnosticDescriptors"/>, as constants so the
/// generator's compiler descriptors (release-tracked by the Roslyn analyzers, which read constant
/// IDs) use the same values. A retired ID is never reused.
/// </summary>
public static class DiagnosticIds
{
    /// <summary><c>MIRO1001</c>: Unexpected token.</summary>
    public const string UnexpectedToken = "MIRO1001";

    /// <summary><c>MIRO1002</c>: Unterminated comment.</summary>
    public const string UnterminatedComment = "MIRO1002";

    /// <summary><c>MIRO1003</c>: Unterminated string.</summary>
    public const string UnterminatedString = "MIRO1003";

    /// <summary><c>MIRO1004</c>: Unknown setting or section.</summary>
    public const string UnknownSetting = "MIRO1004";

    /// <summary><c>MIRO1005</c>: Missing closing brace.</summary>
    public const string MissingCloseBrace = "MIRO1005";

    /// <summary><c>MIRO1006</c>: No policy.</summary>
    public const string NoPolicy = "MIRO1006";

    /// <summary><c>MIRO1999</c>: Internal compiler error.</summary>
    public const string InternalError = "MIRO1999";

    /// <summary><c>MIRO2001</c>: Unknown name.</summary>
    public const string UnknownName = "MIRO2001";

    /// <summary><c>MIRO2002</c>: Duplicate declaration.</summary>
    public const string Duplicate = "MIRO2002";

    /// <summary><c>MIRO2003</c>: Wrong kind of unit.</summary>
    public const string UnitKindMismatch = "MIRO2003";

    /// <summary><c>MIRO2004</c>: Unknown unit.</summary>
    public const string UnknownUnit = "MIRO2004";

    /// <summary><c>MIRO2005</c>: Missing unit.</summary>
    public const string MissingUnit = "MIRO2005";

    /// <summary><c>MIRO2006</c>: Value out of range.</summary>
    public const string OutOfRange = "MIRO2006";

    /// <summary><c>MIRO2007</c>: Missing required setting.</summary>
    public const string MissingRequired = "MIRO2007";

    /// <summary><c>MIRO2008</c>: Unknown tunable.</summary>
    public const string UnknownTunable = "MIRO2008";

    /// <summary><c>MIRO2009</c>: Tune value of the wrong kind.</summary>
    public const string TuneValueKind = "MIRO2009";

    /// <summary><c>MIRO2010</c>: When rule widens a tunable.</summary>
    public const string WhenWidens = "MIRO2010";

    /// <summary><c>MIRO2011</c>: Swapping without a storage tier.</summary>
    public const string SwapWithoutStorage = "MIRO2011";

    /// <summary><c>MIRO2012</c>: Too few profiling candidates.</summary>
    public const string TooFewCandidates = "MIRO2012";

    /// <summary><c>MIRO2013</c>: Does not fit DRAM.</summary>
    public const string DoesNotFitDram = "MIRO2013";

    /// <summary><c>MIRO2014</c>: Invalid range.</summary>
    public const string InvalidRange = "MIRO2014";

    /// <summary><c>MIRO2015</c>: Not a whole number.</summary>
    public const string NotWholeNumber = "MIRO2015";

    /// <summary><c>MIRO2016</c>: Unknown argument.</summary>
    public const string UnknownArgument = "MIRO2016";

    /// <summary><c>MIRO2017</c>: Invalid class order.</summary>
    public const string InvalidClassOrder = "MIRO2017";

    /// <summary><c>MIRO2018</c>: More classes than the dataset has.</summary>
    public const string TooManyClasses = "MIRO2018";

    /// <summary><c>MIRO2019</c>: Storage tier larger than the device.</summary>
    public const string StorageTierTooLarge = "MIRO2019";

    /// <summary><c>MIRO2020</c>: Profiling never runs.</summary>
    public const string ProfilingNeverRuns = "MIRO2020";

    /// <summary><c>MIRO2021</c>: Tunable without its setting.</summary>
    public const string TunableWithoutSetting = "MIRO2021";

    /// <summary><c>MIRO2022</c>: Name reserved by C#.</summary>
    public const string ReservedName = "MIRO2022";

    /// <summary><c>MIRO2023</c>: Unknown weight initialisation.</summary>
    public const string UnknownInit = "MIRO2023";

    /// <summary><c>MIRO2024</c>: Unknown head.</summary>
    public const string UnknownHead = "MIRO2024";

    /// <summary><c>MIRO2025</c>: Fixed head with classes no task brings.</summary>
    public const string FixedHeadUnusedClasses = "MIRO2025";

    /// <summary><c>MIRO2026</c>: Batch does not fit DRAM.</summary>
    public const string BatchDoesNotFitDram = "MIRO2026";
}
