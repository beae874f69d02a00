using System.Buffers.Binary;
using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;

namespace PartnerPortal.Api;

/// <summary>What a public id names; part of the encrypted block, so an id of one kind never decodes as another.</summary>
public enum PublicIdKind : byte
{
    Message = 1,
    Patient = 2,
    Template = 3,
}

/// <summary>
/// The Integration API's opaque string ids (seed 003: <c>messageId</c>, <c>patientId</c>, template <c>id</c>,
/// <c>practiceTemplateId</c>). An id is one AES block (kind, account, row id, zero padding) encrypted with a server key
/// (<c>Api:PublicIdKey</c>) and written base64url: stable for a row, without a stored column, and neither readable nor
/// guessable: another account's row, another kind or a made-up string does not decode for the caller's account
/// (the API answers 4040).
/// </summary>
public sealed class PublicIds
{
    public const string KeySetting = "Api:PublicIdKey";

    // Only for installations that set no key (Development, tests): ids stay opaque, tenancy still refuses foreign ids.
    private const string FallbackKey = "PartnerPortal development public id key; set Api:PublicIdKey in production";
    private const int BlockSize = 16;

    private readonly ThreadLocal<Aes> _aes;

    public PublicIds(IConfiguration configuration)
    {
        var secret = configuration[KeySetting];
        var key = SHA256.HashData(Encoding.UTF8.GetBytes(string.IsNullOrWhiteSpace(secret) ? FallbackKey : secret));
        _aes = new ThreadLocal<Aes>(() =>
        {
            var aes = Aes.Create();
            aes.Key = key;
            return aes;
        });
    }

    public string Encode(PublicIdKind kind, int accountId, long id)
    {
        Span<byte> block = stackalloc byte[BlockSize];
        block.Clear();
        block[0] = (byte)kind;
        BinaryPrimitives.WriteInt32LittleEndian(block[1..], accountId);
        BinaryPrimitives.WriteInt64LittleEndian(block[5..], id);
        Span<byte> encrypted = stackalloc byte[BlockSize];
        _aes.Value!.EncryptEcb(block, encrypted, PaddingMode.None);
        return Base64Url.EncodeToString(encrypted);
    }

    public string? Encode(PublicIdKind kind, int accountId, long? id) => id is { } value ? Encode(kind, accountId, value) : null;

    /// <summary>The row id <paramref name="value"/> names for <paramref name="accountId"/>, or null when it names nothing there.</summary>
    public long? Decode(PublicIdKind kind, int accountId, string? value)
    {
        if (string.IsNullOrWhiteSpace(value) || value.Length != 22 || !value.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_'))
        {
            return null;
        }

        Span<byte> encrypted = stackalloc byte[BlockSize];
        if (!Base64Url.TryDecodeFromChars(value, encrypted, out var written) || written != BlockSize)
        {
            return null;
        }

        Span<byte> block = stackalloc byte[BlockSize];
        _aes.Value!.DecryptEcb(encrypted, block, PaddingMode.None);
        var id = BinaryPrimitives.ReadInt64LittleEndian(block[5..]);
        return block[0] == (byte)kind
               && BinaryPrimitives.ReadInt32LittleEndian(block[1..]) == accountId
               && block[13..].IndexOfAnyExcept((byte)0) < 0
               && id > 0
            ? id
            : null;
    }
}
