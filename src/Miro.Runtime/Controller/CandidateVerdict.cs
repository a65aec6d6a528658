namespace Miro.Runtime.Controller;

/// <summary>What the selection did with a candidate.</summary>
public enum CandidateVerdict
{
    /// <summary>The candidate chosen for the task.</summary>
    Chosen,
    /// <summary>Kept (fits the budget, above the cut line) but a better objective won.</summary>
    Kept,
    /// <summary>Fits the budget but is below the <c>keep top p%</c> cut line by accuracy.</summary>
    BelowCut,
    /// <summary>Its estimated task joules exceed what the energy budget has left.</summary>
    OverBudget,
}
