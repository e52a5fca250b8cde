namespace AttackTracker.EventStore.Tests;

public sealed class AppendAndReadTests(PostgresSchemaFixture db) : IClassFixture<PostgresSchemaFixture>
{
    [Fact]
    public async Task Started_stream_reads_back_with_data_metadata_versions_and_positions()
    {
        var id = Guid.NewGuid();
        var metadata = new EventMetadata
        {
            CorrelationId = "corr-1",
            CausationId = "cause-1",
            RecordedBy = "analyst@example.org",
            Headers = new Dictionary<string, string> { ["reportId"] = "r-1", ["place"] = "Trèbes" },
        };

        var result = await db.Store.StartStreamAsync(id, "incident",
        [
            new EventData(new IncidentOpened("Carcassonne and Trèbes attacks", "FR"), metadata),
            new EventData(new CasualtiesCounted(4, 15), metadata),
        ]);

        Assert.Equal(2, result.Version);
        var events = await db.Store.ReadStreamAsync(id).ToListAsync();
        Assert.Equal([1L, 2L], events.Select(e => e.Version));
        Assert.True(events[0].Position < events[1].Position);
        Assert.Equal(new IncidentOpened("Carcassonne and Trèbes attacks", "FR"), events[0].Data);
        Assert.Equal(new CasualtiesCounted(4, 15), events[1].Data);
        Assert.Equal("incident_opened", events[0].TypeName);
        Assert.Equal("analyst@example.org", events[1].Metadata.RecordedBy);
        Assert.Equal("corr-1", events[1].Metadata.CorrelationId);
        Assert.Equal("cause-1", events[1].Metadata.CausationId);
        Assert.Equal("Trèbes", events[1].Metadata.Header("place"));
        Assert.Equal(result.Events.Select(e => e.EventId), events.Select(e => e.EventId));
        Assert.Equal(events[0].TransactionId, events[1].TransactionId);
        Assert.InRange(events[0].RecordedAt, DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddMinutes(5));
    }

    [Fact]
    public async Task Stream_state_is_read_without_its_events()
    {
        var id = Guid.NewGuid();
        Assert.Null(await db.Store.FetchStreamStateAsync(id));

        await db.Store.StartStreamAsync(id, "incident", TestEvents.Notes(3));
        var state = await db.Store.FetchStreamStateAsync(id);

        Assert.NotNull(state);
        Assert.Equal(3, state.Version);
        Assert.Equal("incident", state.Type);
        Assert.False(state.Archived);
        Assert.True(state.UpdatedAt >= state.CreatedAt);
    }

    [Fact]
    public async Task Starting_an_existing_stream_fails_with_its_version()
    {
        var id = Guid.NewGuid();
        await db.Store.StartStreamAsync(id, "incident", TestEvents.Notes(2));

        var ex = await Assert.ThrowsAsync<StreamAlreadyExistsException>(() => db.Store.StartStreamAsync(id, "incident", TestEvents.Notes(1)));

        Assert.Equal(id, ex.StreamId);
        Assert.Equal(2, ex.Actual);
        Assert.Equal(2, (await db.Store.FetchStreamStateAsync(id))!.Version);
    }

    [Fact]
    public async Task Append_with_the_expected_version_continues_the_stream()
    {
        var id = Guid.NewGuid();
        await db.Store.StartStreamAsync(id, "incident", TestEvents.Notes(2));

        var result = await db.Store.AppendAsync(id, ExpectedVersion.Exactly(2), TestEvents.Notes(3, "more"));

        Assert.Equal(5, result.Version);
        Assert.Equal([3L, 4L, 5L], result.Events.Select(e => e.Version));
        Assert.Equal(5, await db.Store.ReadStreamAsync(id).CountAsync());
    }

    [Fact]
    public async Task A_stale_expected_version_is_a_typed_conflict_and_writes_nothing()
    {
        var id = Guid.NewGuid();
        await db.Store.StartStreamAsync(id, "incident", TestEvents.Notes(3));

        var ex = await Assert.ThrowsAsync<WrongExpectedVersionException>(() => db.Store.AppendAsync(id, ExpectedVersion.Exactly(2), TestEvents.Notes(1)));

        Assert.Equal(id, ex.StreamId);
        Assert.Equal(2, ex.Expected.Value);
        Assert.Equal(3, ex.Actual);
        Assert.Equal(3, await db.Store.ReadStreamAsync(id).CountAsync());
    }

    [Fact]
    public async Task Expected_version_on_a_missing_stream_is_a_conflict_with_no_actual_version()
    {
        var id = Guid.NewGuid();

        var ex = await Assert.ThrowsAsync<WrongExpectedVersionException>(() => db.Store.AppendAsync(id, ExpectedVersion.Exactly(1), TestEvents.Notes(1)));

        Assert.Null(ex.Actual);
        Assert.Null(await db.Store.FetchStreamStateAsync(id));
    }

    [Fact]
    public async Task Append_with_any_creates_then_extends_the_stream()
    {
        var id = Guid.NewGuid();

        await db.Store.AppendAsync(id, ExpectedVersion.Any, TestEvents.Notes(2));
        var second = await db.Store.AppendAsync(id, ExpectedVersion.Any, TestEvents.Notes(2));

        Assert.Equal(4, second.Version);
        Assert.Equal([1L, 2L, 3L, 4L], await db.Store.ReadStreamAsync(id).Select(e => e.Version).ToListAsync());
    }

    [Fact]
    public async Task Archived_stream_stays_readable_and_refuses_appends()
    {
        var id = Guid.NewGuid();
        await db.Store.StartStreamAsync(id, "incident", TestEvents.Notes(1));

        await db.Store.ArchiveStreamAsync(id);

        await Assert.ThrowsAsync<StreamArchivedException>(() => db.Store.AppendAsync(id, ExpectedVersion.Any, TestEvents.Notes(1)));
        await Assert.ThrowsAsync<StreamArchivedException>(() => db.Store.AppendAsync(id, ExpectedVersion.Exactly(1), TestEvents.Notes(1)));
        Assert.True((await db.Store.FetchStreamStateAsync(id))!.Archived);
        Assert.Equal(1, await db.Store.ReadStreamAsync(id).CountAsync());
    }

    [Fact]
    public async Task An_append_without_events_is_refused()
    {
        await Assert.ThrowsAsync<ArgumentException>(() => db.Store.AppendAsync(Guid.NewGuid(), ExpectedVersion.Any, []));
    }

    [Fact]
    public async Task Caller_supplied_event_ids_are_kept()
    {
        var id = Guid.NewGuid();
        var eventId = Guid.NewGuid();

        await db.Store.StartStreamAsync(id, "incident", [new EventData(new NoteAdded("x"), EventId: eventId)]);

        Assert.Equal(eventId, (await db.Store.ReadStreamAsync(id).SingleAsync()).EventId);
    }
}
