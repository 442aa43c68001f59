from hypothesis import given, settings
from hypothesis import strategies as st

from advisor_app.domain.clock import STAMP_LENGTH, HybridClock, make_stamp, parse_stamp, stamp_millis

NOW = 1_750_000_000_000  # June 2025, in milliseconds


class FakeWall:
    def __init__(self, millis=NOW):
        self.millis = millis

    def __call__(self):
        return self.millis


def test_stamp_text_round_trip():
    stamp = make_stamp(NOW, 7)
    assert len(stamp) == STAMP_LENGTH
    assert parse_stamp(stamp) == (NOW, 7)
    assert stamp_millis(stamp) == NOW


def test_stamps_follow_the_wall_clock():
    wall = FakeWall()
    clock = HybridClock(wall=wall)
    first = clock.now()
    wall.millis += 5
    second = clock.now()
    assert parse_stamp(first) == (NOW, 0)
    assert parse_stamp(second) == (NOW + 5, 0)


def test_same_millisecond_counts_up():
    clock = HybridClock(wall=FakeWall())
    stamps = [clock.now() for _ in range(5)]
    assert [parse_stamp(stamp)[1] for stamp in stamps] == [0, 1, 2, 3, 4]
    assert stamps == sorted(stamps)


def test_monotonic_when_wall_clock_goes_backwards():
    wall = FakeWall()
    clock = HybridClock(wall=wall)
    before = clock.now()
    wall.millis -= 3_600_000  # someone sets the laptop back an hour
    after = [clock.now() for _ in range(3)]
    assert before < after[0] < after[1] < after[2]
    assert all(stamp_millis(stamp) == NOW for stamp in after)


def test_observing_a_far_future_stamp_keeps_later_local_stamps_after_it():
    wall = FakeWall()
    clock = HybridClock(wall=wall)
    clock.now()
    future = make_stamp(NOW + 10 * 365 * 86_400_000, 42)  # a laptop whose clock says ten years ahead
    clock.observe(future)
    later = [clock.now() for _ in range(3)]
    wall.millis += 60_000
    later.append(clock.now())
    assert all(stamp > future for stamp in later)
    assert later == sorted(later)


def test_observing_an_older_stamp_does_not_move_the_clock_back():
    wall = FakeWall()
    clock = HybridClock(wall=wall)
    mine = clock.now()
    clock.observe(make_stamp(NOW - 1000, 5))
    assert clock.now() > mine


def test_observing_moves_to_the_wall_clock_when_it_is_ahead():
    wall = FakeWall()
    clock = HybridClock(wall=wall)
    clock.observe(make_stamp(NOW - 1000, 5))
    assert parse_stamp(clock.now()) == (NOW, 1)


def test_restore_starts_after_the_newest_saved_stamp():
    wall = FakeWall(NOW - 50_000)  # the clock was set back since the last edit
    clock = HybridClock(wall=wall)
    newest = make_stamp(NOW, 3)
    clock.restore(newest)
    assert clock.now() > newest


def test_restore_of_nothing_keeps_the_clock():
    clock = HybridClock(wall=FakeWall())
    clock.restore(None)
    assert parse_stamp(clock.now()) == (NOW, 0)


def test_stamps_stay_sortable_when_the_counter_is_full():
    # The wall clock stays behind a received stamp for a long time, so the counter keeps growing.
    clock = HybridClock(wall=FakeWall(NOW - 1))
    newest = make_stamp(NOW, 999_999)
    clock.restore(newest)
    after = [clock.now() for _ in range(3)]
    assert all(len(stamp) == STAMP_LENGTH for stamp in after)
    assert newest < after[0] < after[1] < after[2]
    assert [parse_stamp(stamp) for stamp in after] == sorted(parse_stamp(stamp) for stamp in after)


def test_observing_a_full_counter_then_editing_stays_sortable():
    clock = HybridClock(wall=FakeWall(NOW - 1))
    received = make_stamp(NOW, 999_999)
    clock.observe(received)
    assert received < clock.now()


def test_text_order_is_time_order():
    stamps = [make_stamp(millis, counter) for millis, counter in
              [(9, 0), (10, 0), (10, 1), (10, 10), (99, 999_999), (100, 0), (NOW, 0), (NOW * 10, 0)]]
    assert stamps == sorted(stamps)


events = st.lists(st.one_of(
    st.tuples(st.just("wall"), st.integers(-10_000_000, 10_000_000)),
    st.tuples(st.just("now"), st.just(0)),
    st.tuples(st.just("observe"), st.tuples(st.integers(-10_000_000, 10**10), st.integers(0, 999_999))),
), max_size=60)


@settings(max_examples=200, deadline=None)
@given(events)
def test_every_local_stamp_sorts_after_everything_seen_before(steps):
    wall = FakeWall()
    clock = HybridClock(wall=wall)
    highest = ""
    for kind, value in steps:
        if kind == "wall":
            wall.millis = max(0, wall.millis + value)
        elif kind == "observe":
            received = make_stamp(NOW + value[0], value[1])
            clock.observe(received)
            highest = max(highest, received)
        else:
            stamp = clock.now()
            assert len(stamp) == STAMP_LENGTH
            assert stamp > highest
            if highest:
                assert parse_stamp(stamp) > parse_stamp(highest)
            highest = stamp
