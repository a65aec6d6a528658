namespace Miro.Runtime.Data;

/// <summary>Which CIFAR binary format a file uses.</summary>
public enum CifarKind
{
    /// <summary>CIFAR-10: 1 label byte + 3,072 pixel bytes per record, labels 0–9.</summary>
    Cifar10,
    /// <summary>CIFAR-100: coarse label byte, fine label byte + 3,072 pixel bytes; the fine label (0–99) is used.</summary>
    Cifar100,
}
