"""Exports that open where analysts work: events.csv in ACLED's columns (read back by pandas), the control
layer of events.geojson, sitroom.load() + to_frames(), and the coded error for a missing optional extra."""

from __future__ import annotations

import csv
import io
import json
import sys

import pytest

import sitroom
from sitroom.errors import SitroomError
from sitroom.export import csv_export, geojson
from situation_factory import make_situation

SITROOM_COLUMNS = ["event_id", "status", "sources", "background", "evidence", "dispute", "reports"]  # extended, never renamed
OLD_COLUMNS = ["event_date", "event_type", "sub_event_type", "actor1", "actor2", "admin1", "location", "latitude",
               "longitude", "geo_precision", "time_precision", "source", "notes", "fatalities"]


def rows_of(text: str) -> list[dict]:
    return list(csv.DictReader(io.StringIO(text)))


# --------------------------------------------------------------------------- events.csv


def test_acled_columns_come_first_in_acleds_order_and_no_old_column_is_renamed():
    header = next(csv.reader(io.StringIO(csv_export.render(make_situation()))))
    assert header[:len(csv_export.ACLED_COLUMNS)] == csv_export.ACLED_COLUMNS
    assert header[:3] == ["event_id_cnty", "event_date", "year"] and header[-len(SITROOM_COLUMNS):] == SITROOM_COLUMNS
    assert set(OLD_COLUMNS) <= set(header)


@pytest.mark.parametrize("value,precision,expected", [
    ("2014-06-15", "day", ("2014-06-15", 1)),
    ("2014-06-15T08:30", None, ("2014-06-15", 1)),
    ("2014-W24", "week", ("2014-06-09", 2)),  # ISO week 24 of 2014 starts on Monday 9 June
    ("2014-W24-WE", "week", ("2014-06-14", 2)),
    ("2014-06", "month", ("2014-06-01", 3)),
    ("2014-06", "day", ("2014-06-01", 3)),  # a month value is never more precise than a month
    ("2014-Q3", None, ("2014-07-01", 3)),
    ("2014", "year", ("2014-01-01", 3)),
    ("PAST_REF", None, ("", "")),
    ("2014-02-30", None, ("", "")),
    (None, None, ("", "")),
])
def test_every_date_form_gives_an_iso_day_and_its_precision(value, precision, expected):
    assert csv_export.iso_day(value, precision) == expected


def test_coarse_dates_and_acled_fields_in_rows():
    sit = make_situation()
    sit.events[1].date, sit.events[1].date_precision = "2014-W25", "week"
    sit.events[1].type, sit.events[1].subtype = "Violence against civilians", "Attack"
    rows = {r["event_id"]: r for r in rows_of(csv_export.render(sit))}
    battle, strike = rows["ev-battle"], rows["ev-strike"]
    assert (battle["event_id_cnty"], battle["year"], battle["disorder_type"], battle["country"]) == (
        "ev-battle", "2014", "Political violence", "IQ")
    assert battle["civilian_targeting"] == "" and battle["inter1"] == "" and battle["timestamp"] == ""
    assert (strike["event_date"], strike["time_precision"], strike["civilian_targeting"]) == ("2014-06-16", "2", "Civilian targeting")


def test_acled_text_cells_are_escaped_too():
    sit = make_situation()
    sit.events[0].id = "=cmd|' /C calc'!A0"
    row = rows_of(csv_export.render(sit))[0]
    assert row["event_id_cnty"].startswith("'=") and row["event_id"].startswith("'=")


def test_events_csv_of_a_real_run_loads_in_pandas(sample_run):
    pd = pytest.importorskip("pandas")
    sit, out = sample_run
    df = pd.read_csv(out / "events.csv", keep_default_na=False, dtype=str)
    assert list(df.columns[:len(csv_export.ACLED_COLUMNS)]) == csv_export.ACLED_COLUMNS
    assert len(df) == len(sit.events) > 0
    dated = df[df["event_date"] != ""]
    assert len(dated) > 0
    days = pd.to_datetime(dated["event_date"], format="%Y-%m-%d")  # raises on anything but an ISO day
    assert (days.dt.year.astype(str) == dated["year"]).all()
    assert set(df["time_precision"]) <= {"1", "2", "3", ""}
    assert set(df["geo_precision"]) <= {"1", "2", "3", ""}
    assert (dated["time_precision"] != "").all()


# --------------------------------------------------------------------------- events.geojson


def test_geojson_has_a_control_layer_after_unchanged_event_features():
    sit = make_situation()
    fc = json.loads(geojson.render(sit))
    layers = [f["properties"]["layer"] for f in fc["features"]]
    assert layers == sorted(layers, key=lambda x: x != "events")  # events first
    events = [f for f in fc["features"] if f["properties"]["layer"] == "events"]
    assert {f["id"] for f in events} == {e.id for e in sit.events}
    control = {f["properties"]["place"]: f for f in fc["features"] if f["properties"]["layer"] == "control"}
    assert set(control) == {"Tal Afar", "Kirkuk"}
    talafar = control["Tal Afar"]
    assert talafar["geometry"]["coordinates"] == [42.449, 36.377]
    assert talafar["properties"]["holder"] == "Iraqi army" and talafar["properties"]["disputed"] is True
    assert [h["id"] for h in talafar["properties"]["history"]] == ["c-1", "c-2"]
    assert control["Kirkuk"]["properties"]["holder"] and control["Kirkuk"]["properties"]["disputed"] is False


def test_a_control_place_without_coordinates_is_left_out():
    sit = make_situation()
    kirkuk = next(p for p in sit.places if p.id == "p-kirkuk")
    kirkuk.lat = kirkuk.lon = None
    fc = json.loads(geojson.render(sit))
    assert [f["properties"]["place"] for f in fc["features"] if f["properties"]["layer"] == "control"] == ["Tal Afar"]


# --------------------------------------------------------------------------- load + to_frames


def test_load_reads_a_run_folder_its_json_file_and_json_text(sample_run):
    sit, out = sample_run
    for source in (out, str(out), out / "situation.json", (out / "situation.json").read_text(encoding="utf-8")):
        assert sitroom.load(source) == sit


def test_load_says_what_is_wrong(tmp_path):
    with pytest.raises(SitroomError) as missing:
        sitroom.load(tmp_path)
    assert missing.value.code == "S001"
    (tmp_path / "situation.json").write_text('{"events": 3}', encoding="utf-8")
    with pytest.raises(SitroomError, match="not a situation.json"):
        sitroom.load(tmp_path)


def test_to_frames_gives_one_frame_per_fact_kind(sample_run):
    pytest.importorskip("pandas")
    sit, out = sample_run
    frames = sitroom.to_frames(sitroom.load(out))
    assert {"events", "control", "quotes", "claims", "places", "entities", "documents"} <= set(frames)
    for kind, frame in frames.items():
        assert len(frame) == len(getattr(sit, kind)), kind
    assert list(frames["events"]["id"]) == [e.id for e in sit.events]
    assert "fatalities" in frames["events"].columns and "lat" in frames["places"].columns
    empty = sitroom.to_frames(sitroom.Situation())
    assert len(empty["events"]) == 0 and "fatalities" in empty["events"].columns


def test_to_frames_without_pandas_names_the_extra(monkeypatch):
    monkeypatch.setitem(sys.modules, "pandas", None)
    with pytest.raises(SitroomError) as err:
        sitroom.to_frames(make_situation())
    assert err.value.code == "S080" and "sitroom[frames]" in str(err.value)


# --------------------------------------------------------------------------- optional extras


def test_dask_engine_without_dask_names_the_extra(monkeypatch):
    from sitroom.engines import make_engine
    from sitroom.settings import Settings

    for name in ("dask", "distributed"):
        monkeypatch.setitem(sys.modules, name, None)
    with pytest.raises(SitroomError) as err:
        make_engine("dask", settings=Settings())
    assert err.value.code == "S080" and "sitroom[dask]" in str(err.value)


@pytest.mark.parametrize("url", ["postgresql://u@localhost/db", "postgres://u@localhost/db",
                                 "postgresql+psycopg2://u@localhost/db"])
def test_postgres_store_without_its_driver_names_the_extra(monkeypatch, url):
    from sitroom.store import open_store

    monkeypatch.setitem(sys.modules, "psycopg2", None)
    with pytest.raises(SitroomError) as err:
        open_store(url)
    assert err.value.code == "S080" and "sitroom[postgres]" in str(err.value)


# --------------------------------------------------------------------------- the map's borders, cached on disk


def test_borders_are_clipped_once_then_read_back_from_the_cache_folder(tmp_path, monkeypatch):
    from sitroom.export import basemap

    pytest.importorskip("shapefile")
    monkeypatch.setenv("SITROOM_CACHE", str(tmp_path))
    bbox = (40.5, 31.25, 47.75, 37.5)  # an area no other test asks for
    basemap._borders.cache_clear()  # as in a new process
    first = basemap.borders(bbox)
    assert first["features"] and len(list((tmp_path / "borders").glob("*.json"))) == 1

    def refuse(*args):
        raise AssertionError("clipped again although the cache folder holds the result")

    monkeypatch.setattr(basemap, "_clip_borders", refuse)
    basemap._borders.cache_clear()
    assert json.dumps(basemap.borders(bbox)) == json.dumps(first)  # the very same data, so the same report.html
    basemap._borders.cache_clear()
    with pytest.raises(AssertionError):  # another area is not answered from this one's file
        basemap.borders((41.0, 31.25, 47.75, 37.5))
    basemap._borders.cache_clear()


# --------------------------------------------------------------------------- situation.json


def test_situation_json_is_written_record_by_record_as_the_whole_situations_json(tmp_path):
    from sitroom.export import export_all

    sit = make_situation()
    assert sum(len(v) for v in (sit.documents, sit.events, sit.quotes, sit.places)) >= 8  # many records, nested
    export_all(sit, tmp_path, only={"json"})
    assert (tmp_path / "situation.json").read_bytes() == (sit.to_json() + "\n").encode("utf-8")
    assert sitroom.load(tmp_path).model_dump() == sit.model_dump()


def test_a_record_breaking_the_contract_mid_stream_leaves_the_previous_situation_json(tmp_path):
    from pydantic import ValidationError

    from sitroom.contract import Document
    from sitroom.export import export_all

    sit = make_situation()
    export_all(sit, tmp_path, only={"json"})
    before = (tmp_path / "situation.json").read_bytes()
    sit.documents.append(Document.model_construct(id="d-late", origin=None, text="A report with no origin."))
    with pytest.raises(ValidationError):
        export_all(sit, tmp_path, only={"json"})
    assert (tmp_path / "situation.json").read_bytes() == before
    assert [p.name for p in tmp_path.iterdir()] == ["situation.json"]  # no temporary file left behind
