using Npgsql;

namespace AttackTracker.Api.Exchange;

/// <summary>A spooled upload read back chunk by chunk, one chunk in memory at a time.</summary>
internal sealed class ChunkStream(NpgsqlDataSource dataSource, string schema, Guid jobId) : Stream
{
    private byte[] _chunk = [];
    private int _offset;
    private int _next;
    private bool _done;

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => throw new NotSupportedException();
        set => throw new NotSupportedException();
    }

    public override int Read(byte[] buffer, int offset, int count) => ReadAsync(buffer.AsMemory(offset, count)).AsTask().GetAwaiter().GetResult();

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        while (_offset == _chunk.Length)
        {
            if (_done || !await NextAsync(cancellationToken))
            {
                return 0;
            }
        }

        var count = Math.Min(buffer.Length, _chunk.Length - _offset);
        _chunk.AsMemory(_offset, count).CopyTo(buffer);
        _offset += count;
        return count;
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    private async Task<bool> NextAsync(CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand($"SELECT data FROM {schema}.import_job_chunks WHERE job_id = $1 AND seq = $2");
        command.Parameters.Add(new NpgsqlParameter<Guid> { TypedValue = jobId });
        command.Parameters.Add(new NpgsqlParameter<int> { TypedValue = _next });
        if (await command.ExecuteScalarAsync(cancellationToken) is not byte[] data)
        {
            _done = true;
            return false;
        }

        _chunk = data;
        _offset = 0;
        _next++;
        return true;
    }
}
