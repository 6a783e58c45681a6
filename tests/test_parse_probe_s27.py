"""Messages said not to be kept, and the length of keeping denied (issue 8, failure class 1).

"The pings aren't stored" says the messages are not persisted; "card numbers are not stored", "not
stored in postgres", "not kept once consumed" and "not stored forever" do not.  Written in new words
before the rule; the held-out sets were run once, after it.
"""

import pytest

from bot.advisor.parse import parse


def persistence(text: str) -> str | None:
    return parse(text).as_dict().get("persistence")


NOT_KEPT = [
    "the pings aren't stored anywhere, they just light up the map",
    "heartbeats aren't saved",
    "the ticks are not retained at all",
    "chat typing signals are not stored",
    "the commands aren't buffered, if the robot is offline they're gone",
    "updates are not archived anywhere",
    "frames are not saved, the viewer just draws the newest",
    "our quotes aren't kept: a trader only cares about the live one",
    "the cursor moves aren't recorded",
    "live price ticks, nothing stored",
]
HELD_OUT_NOT_KEPT = [
    "the telemetry blips aren't saved, the graph just scrolls",
    "keystrokes are not persisted, it's a live cursor thing",
    "beacons are never stored anywhere",
    "price ticks to the screens, nothing kept",
]
# Not messages, or said of a place, a length or a moment: these settle no "no".
NOT_A_DENIAL = [
    "card numbers are not stored, pci says so",
    "passwords are never stored in plain text",
    "the raw video isn't stored on the device",
    "events aren't stored in postgres anymore, they live in the broker now",
    "orders are not stored by the gateway, it forwards them to the core",
    "user profiles aren't kept in the cache",
    "secrets are not stored in git",
    "the events were never stored, which is how we lost a day of orders",
    "we have nothing stored there yet",
]
HELD_OUT_NOT_A_DENIAL = [
    "the events are not stored in redis anymore",
    "invoices are not stored by this service, billing owns them",
    "notifications aren't stored until the user opens the app",
]
# A length denied inside the phrase bounds the keeping; it never says nothing is kept.
LENGTH_DENIED = [
    "messages aren't stored forever, 30 days is enough",
    "orders aren't kept forever: seven years then purge",
    "we don't need the events retained indefinitely",
]


@pytest.mark.parametrize("text", NOT_KEPT + HELD_OUT_NOT_KEPT)
def test_messages_said_not_to_be_kept_are_not_persisted(text):
    assert persistence(text) == "no"


@pytest.mark.parametrize("text", NOT_A_DENIAL + HELD_OUT_NOT_A_DENIAL)
def test_what_is_not_a_message_or_is_said_of_a_place_settles_no_no(text):
    assert persistence(text) != "no"


@pytest.mark.parametrize("text", LENGTH_DENIED)
def test_a_denied_length_of_keeping_is_asked_not_read_as_nothing_kept(text):
    result = parse(text)
    assert result.as_dict().get("persistence") is None
    assert "persistence" in {a.question for a in result.ambiguous}


@pytest.mark.parametrize(
    "text",
    [
        "events aren't kept after they're consumed",
        "the jobs aren't held once they're processed by a worker",
    ],
)
def test_a_contractions_tail_is_no_word_of_its_own(text):
    # "they're consumed" holds no "re-consume" (replay): nothing here says messages are not kept
    assert persistence(text) != "no"


def test_a_word_in_quotes_is_still_read():
    assert persistence("we need 'replay' of old events after a bad deploy") == "yes"
