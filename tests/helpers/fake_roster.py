"""Seeded synthetic rosters (学籍 export, one row per pupil) and dropout ledgers (辍学学生台账), written as CSV.

Everything is made up: names are random pairings of common surnames and given-name characters (never real people),
places and schools are invented, and each 身份证号 has the GB 11643 format and check digit but a random birth date and
sequence number. The same arguments always give the same bytes.

Fast enough for a province (10 million rows, about 1.3 GB, in well under a minute): each column is drawn as a numpy
array of indices into pools built once (names, "区县,乡镇,学校,年级,班级" strings, "学籍状态,…,随迁子女" strings), and
rows are joined and encoded in blocks of CHUNK rows.

    write_roster(path, rows, seed=1, encoding="utf-8", ...)  # 学籍 export, header ROSTER_HEADER
    write_ledger(path, rows, seed=1, encoding="utf-8", ...)  # a county's 辍学学生台账, header LEDGER_HEADER
"""

from __future__ import annotations

import codecs
import itertools
from dataclasses import dataclass
from pathlib import Path

import numpy as np

ROSTER_HEADER = ("姓名", "性别", "身份证号", "全国学籍号", "区县", "乡镇", "学校", "年级", "班级", "学籍状态", "残疾类型",
                 "就读方式", "脱贫户", "留守儿童", "随迁子女")
LEDGER_HEADER = ("姓名", "身份证号", "乡镇", "学校", "年级", "辍学原因", "劝返状态", "包保责任人", "脱贫户", "残疾类型", "孤儿",
                 "事实无人抚养", "留守儿童", "随迁子女")

PRIMARY_GRADES = ("一年级", "二年级", "三年级", "四年级", "五年级", "六年级")
JUNIOR_NUMBERED = ("七年级", "八年级", "九年级")
JUNIOR_CHU = ("初一", "初二", "初三")  # how some schools' exports label grades 7–9

STATUSES = ("在读", "辍学", "休学", "转出", "死亡")
STATUS_PRIMARY = (0, 0.0008, 0.002, 0.004, 0.00005)  # probabilities of STATUSES[1:], the rest 在读:
STATUS_JUNIOR = (0, 0.005, 0.003, 0.004, 0.00005)  # ≈ 0.3 % dropouts overall, junior pupils more
DISABILITIES = ("", "视力", "听力", "言语", "智力", "肢体", "精神", "多重")
DISABILITY_WEIGHTS = (0, 10, 10, 8, 35, 20, 7, 10)
DISABLED_SHARE = 0.008
ATTENDANCE = ("", "随班就读", "特教学校就读", "送教上门", "未入学")  # "" for a pupil without a disability
ATTENDANCE_WEIGHTS = (0, 55, 20, 20, 5)
FLAGS = ("否", "是", "")  # 脱贫户, 留守儿童, 随迁子女: 是/否, sometimes left blank
FLAG_YES = {"脱贫户": 0.06, "留守儿童": 0.12, "随迁子女": 0.08}
FLAG_BLANK = 0.03

REASONS = ("厌学", "外出务工", "家庭经济困难", "随父母外出", "早婚早育", "身体原因", "其他")
REASON_WEIGHTS = (35, 20, 12, 15, 5, 8, 5)
RETURN_STATES = ("未劝返", "劝返中", "已复学", "转学核实", "因身体原因不具备学习条件", "送教上门")
RETURN_WEIGHTS = (10, 20, 45, 10, 7, 8)

SURNAMES = ("王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟"
            "谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤")
BOY_CHARS = "浩宇轩然子博文俊杰明辉伟强磊鹏飞泽睿晨阳志航嘉豪天佑思远宏鑫瑞霖逸凡昊楠峻熙铭"
GIRL_CHARS = "欣怡梓涵雨萱诗琪佳思婷丽娜芳静雪梅悦可馨若汐语桐晓彤媛慧颖妍紫嫣雅琳蕾"
ADULT_CHARS = "建国华军平红英丽明伟志强秀兰春霞海燕玉芬永刚德胜立新文学桂"
PLACE_CHARS = "东西南北青石龙凤安平和清河山溪桥林水云兴隆新丰源泉宁阳湖坪塘岭"

ID_WEIGHTS = np.array([7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2], dtype=np.int64)  # 2^(17-i) mod 11
ID_CHECKS = np.array(list("10X98765432"), dtype=object)  # indexed by the weighted sum mod 11
PROVINCE = 43  # the first two digits of every region code
SEQUENCES = 499  # sequence numbers per birth date, county and sex: 001–997 odd (male), 002–998 even (female)
CHUNK = 250_000
PUPILS_PER_COUNTY = 100_000  # the default number of counties is rows / this
CLASS_SIZE = 45


# --- places -----------------------------------------------------------------------------------------------------

@dataclass(frozen=True)
class Places:
    """Every (county, township, school, grade) a pupil can be in, with how likely, and the CSV text of each class."""
    counties: list[str]
    region_codes: np.ndarray  # int64, per county
    towns: list[tuple[int, str, list[str]]]  # (county, township, schools)
    slot_county: np.ndarray  # per slot (one grade of one school)
    slot_grade: np.ndarray  # 0–8
    slot_town: np.ndarray  # index into towns
    slot_school: list[str]
    cumulative: np.ndarray  # cumulative slot weights: a uniform draw × total → slot by searchsorted
    class_count: np.ndarray  # classes per slot
    class_start: np.ndarray  # index of the slot's first class in locations
    locations: np.ndarray  # object: "区县,乡镇,学校,年级,班级" per class of every slot


def _place_names(rng: np.random.Generator, count: int, suffixes: tuple[str, ...], taken=()) -> list[str]:
    """`count` distinct made-up place names: two characters of PLACE_CHARS and a suffix."""
    pairs = [a + b for a in PLACE_CHARS for b in PLACE_CHARS if a != b]
    names = [pairs[i] + suffixes[i % len(suffixes)] for i in rng.permutation(len(pairs))]
    names = [name for name in names if name not in taken]
    if count > len(names):
        raise ValueError(f"at most {len(names)} place names")
    return names[:count]


def _schools(rng: np.random.Generator, town: str, first: bool) -> list[tuple[str, float, range]]:
    """(name, pupils per grade relative, grades taught 0–8) of one township's schools; the first is the county seat."""
    if first:
        return [(town + "第一小学", 3, range(6)), (town + "第二小学", 3, range(6)), (town + "第三小学", 2, range(6)),
                (town + "第一初级中学", 6, range(6, 9)), (town + "第二初级中学", 4, range(6, 9))]
    villages = _place_names(rng, int(rng.integers(1, 3)), ("村小学",))
    schools = [(town + "中心小学", 2.5, range(6))] + [(town + village, 0.6, range(6)) for village in villages]
    if rng.random() < 0.5:
        return schools + [(town + "初级中学", 5, range(6, 9))]  # junior pupils of the villages too
    return schools + [(town + "九年一贯制学校", 2.5, range(9))]


def build_places(rng: np.random.Generator, rows: int, counties: int, townships: int,
                 grades: tuple[str, ...]) -> Places:
    county_names = _place_names(rng, counties, ("县", "县", "区"))
    codes = np.array([int(f"{PROVINCE}{1 + k // 20:02d}{21 + k % 20:02d}") for k in range(counties)], dtype=np.int64)
    towns, slots = [], []  # slots: (county, town, school, grade, weight)
    for county, county_weight in enumerate(rng.uniform(0.5, 1.5, counties)):
        names = ["城关镇", *_place_names(rng, townships - 1, ("镇", "乡"), taken={"城关镇"})][:townships]
        for number, town in enumerate(names):
            schools = _schools(rng, town, number == 0)
            towns.append((county, town, [school for school, _, _ in schools]))
            town_weight = county_weight * (2.5 if number == 0 else rng.uniform(0.6, 1.4))
            slots += [(county, len(towns) - 1, school, grade, town_weight * weight)
                      for school, weight, taught in schools for grade in taught]
    county_of, town_of, school_of, grade_of, weight = zip(*slots)
    weight = np.array(weight)
    classes = np.maximum(1, np.rint(rows * weight / weight.sum() / CLASS_SIZE)).astype(np.int64)
    locations = [f"{county_names[c]},{towns[t][1]},{s},{grades[g]},{k}班"
                 for c, t, s, g, n in zip(county_of, town_of, school_of, grade_of, classes) for k in range(1, n + 1)]
    return Places(county_names, codes, towns, np.array(county_of), np.array(grade_of), np.array(town_of),
                  list(school_of), np.cumsum(weight), classes, np.cumsum(classes) - classes,
                  np.array(locations, dtype=object))


# --- people -----------------------------------------------------------------------------------------------------

def _name_pool(rng: np.random.Generator, chars: str, size: int = 20_000) -> np.ndarray:
    """`size` names: a surname (the common ones more often) and one or two given-name characters."""
    weights = 1 / (np.arange(len(SURNAMES)) + 8)
    surnames = rng.choice(list(SURNAMES), size, p=weights / weights.sum())
    given = rng.choice(list(chars), (size, 2))
    two = rng.random(size) < 0.75
    return np.array([s + a + (b if t else "") for s, (a, b), t in zip(surnames, given, two)], dtype=object)


def _pick(rng: np.random.Generator, weights, size: int) -> np.ndarray:
    """Indices drawn with the given (not necessarily normalised) weights."""
    cumulative = np.cumsum(weights, dtype=float)
    return np.searchsorted(cumulative, rng.random(size) * cumulative[-1], side="right")


class IdMaker:
    """Valid-format 身份证号, distinct across the whole file: a region code, a birth date that fits the grade in
    `school_year` (born Sep 1 (Y−6−g) … Aug 31 (Y−5−g) for grade g, some a year or two older), a sequence number
    (odd for boys) counted per county, birth date and sex, and the ISO 7064 MOD 11-2 check digit."""

    def __init__(self, school_year: int, region_codes: np.ndarray):
        self.first = np.datetime64(f"{school_year - 17}-09-01")  # the oldest possible: grade 9, two years older
        septembers = np.array([f"{year}-09-01" for year in range(school_year - 17, school_year - 4)], "datetime64[D]")
        self.septembers = (septembers - self.first).astype(np.int64)  # day numbers of each Sep 1 from self.first
        self.region_codes = region_codes
        self.used = np.zeros((len(region_codes), int(self.septembers[-1]), 2), dtype=np.int64)

    def make(self, rng: np.random.Generator, county: np.ndarray, grade: np.ndarray, male: np.ndarray) -> np.ndarray:
        """The first 17 digits as int64 (no leading zero: region codes start with PROVINCE)."""
        older = _pick(rng, (90, 8, 2), len(grade))
        year = 17 - 6 - (grade + 1) - older  # index into septembers of the Sep 1 that starts the birth window
        start, end = self.septembers[year], self.septembers[year + 1]
        day = start + (rng.random(len(grade)) * (end - start)).astype(np.int64)
        rank = self._count(county, day, male.astype(np.int64))
        sequence = 2 * ((rank * 37 + day * 11 + county) % SEQUENCES) + np.where(male, 1, 2)  # 37 ⟂ 499: distinct
        dates = self.first + day
        years = dates.astype("datetime64[Y]").astype(np.int64) + 1970
        months = dates.astype("datetime64[M]")
        yyyymmdd = (years * 100 + months.astype(np.int64) % 12 + 1) * 100 + (dates - months).astype(np.int64) + 1
        return (self.region_codes[county] * 10**8 + yyyymmdd) * 1000 + sequence

    def _count(self, county: np.ndarray, day: np.ndarray, sex: np.ndarray) -> np.ndarray:
        """How many pupils of the same county, birth date and sex came before each (in this block and earlier ones)."""
        key = np.ravel_multi_index((county, day, sex), self.used.shape)
        order = np.argsort(key, kind="stable")
        keys, first, counts = np.unique(key[order], return_index=True, return_counts=True)
        rank = np.empty_like(key)
        rank[order] = np.arange(len(key)) - np.repeat(first, counts) + np.repeat(self.used.flat[keys], counts)
        self.used.flat[keys] += counts
        if rank.max(initial=0) >= SEQUENCES:
            raise ValueError("more pupils per county than distinct IDs: pass more counties")
        return rank


def check_digits(first17: np.ndarray) -> np.ndarray:
    """GB 11643 check characters of 17-digit int64 numbers: Σ digit × 2^(17−i) mod 11 → "10X98765432"."""
    digits = first17[:, None] // 10 ** np.arange(16, -1, -1, dtype=np.int64) % 10
    return ID_CHECKS[digits @ ID_WEIGHTS % 11]


def id_texts(first17: np.ndarray, checks: np.ndarray) -> list[str]:
    return [f"{number}{check}" for number, check in zip(first17.tolist(), checks.tolist())]


# --- writing ----------------------------------------------------------------------------------------------------

def _write_blocks(path, header: tuple[str, ...], blocks, encoding: str, newline: str) -> Path:
    """Header and blocks (lists of row texts) in `encoding`; an incremental encoder so utf-8-sig writes one BOM."""
    path = Path(path)
    encoder = codecs.getincrementalencoder(encoding)()
    with path.open("wb") as file:
        file.write(encoder.encode(",".join(header) + newline))
        for lines in blocks:
            file.write(encoder.encode(newline.join(lines) + newline))
        file.write(encoder.encode("", final=True))
    return path


def _flag_pool() -> np.ndarray:
    """Every "学籍状态,残疾类型,就读方式,脱贫户,留守儿童,随迁子女" tail; index = mixed-radix of the six choices."""
    combos = itertools.product(STATUSES, DISABILITIES, ATTENDANCE, FLAGS, FLAGS, FLAGS)
    return np.array([",".join(combo) for combo in combos], dtype=object)


def _flags(rng: np.random.Generator, size: int, yes: float) -> np.ndarray:
    return _pick(rng, (1 - yes - FLAG_BLANK, yes, FLAG_BLANK), size)


def _disability(rng: np.random.Generator, size: int, share: float) -> np.ndarray:
    return np.where(rng.random(size) < share, _pick(rng, DISABILITY_WEIGHTS, size), 0)


def _status(rng: np.random.Generator, grade: np.ndarray) -> np.ndarray:
    """Index into STATUSES, with the dropout risk of the pupil's stage."""
    primary, junior = ((1 - sum(odds), *odds[1:]) for odds in (STATUS_PRIMARY, STATUS_JUNIOR))
    return np.where(grade >= 6, _pick(rng, junior, len(grade)), _pick(rng, primary, len(grade)))


def _wrong(rng: np.random.Generator, checks: np.ndarray) -> np.ndarray:
    """Another check character than each of `checks`: a typed-in ID with one digit wrong."""
    position = np.array(["10X98765432".index(check) for check in checks], dtype=np.int64)
    return ID_CHECKS[(position + rng.integers(1, 11, size=len(checks))) % 11]


def _roster_blocks(rng, rows: int, places: Places, ids: IdMaker, duplicate_ids: float, bad_check_digits: float):
    boys, girls = _name_pool(rng, BOY_CHARS) + ",男", _name_pool(rng, GIRL_CHARS) + ",女"
    tails = _flag_pool()
    for done in range(0, rows, CHUNK):
        n = min(CHUNK, rows - done)
        slot = np.searchsorted(places.cumulative, rng.random(n) * places.cumulative[-1], side="right")
        place = places.class_start[slot] + (rng.random(n) * places.class_count[slot]).astype(np.int64)
        county, grade = places.slot_county[slot], places.slot_grade[slot]
        male = rng.random(n) < 0.52
        names = np.where(male, boys[rng.integers(len(boys), size=n)], girls[rng.integers(len(girls), size=n)])
        first17 = ids.make(rng, county, grade, male)

        copies = np.flatnonzero(rng.random(n) < duplicate_ids)  # the same pupil (name, sex, ID) at a second place
        sources = rng.integers(n, size=len(copies))
        names[copies], first17[copies] = names[sources], first17[sources]
        checks = check_digits(first17)
        wrong = np.flatnonzero(rng.random(n) < bad_check_digits)
        checks[wrong] = _wrong(rng, checks[wrong])
        id_text = id_texts(first17, checks)
        xjh = ["G" + text for text in id_text]
        for i in np.flatnonzero(rng.random(n) < 0.002).tolist():  # J (self-assigned) or L (temporary) numbers:
            xjh[i] = f"{'JL'[i % 2]}{id_text[i][:17]}{rng.integers(10)}"  # ID-shaped, a last digit of their own

        disability = _disability(rng, n, DISABLED_SHARE)
        attendance = np.where(disability > 0, _pick(rng, ATTENDANCE_WEIGHTS, n), 0)
        poor, left_behind, migrant = (_flags(rng, n, FLAG_YES[flag]) for flag in ("脱贫户", "留守儿童", "随迁子女"))
        tail = (((((_status(rng, grade) * 8 + disability) * 5 + attendance) * 3 + poor) * 3 + left_behind) * 3
                + migrant)
        yield list(map(",".join, zip(names.tolist(), id_text, xjh, places.locations[place].tolist(),
                                    tails[tail].tolist())))


def write_roster(path, rows: int, seed: int = 1, *, encoding: str = "utf-8", school_year: int = 2024,
                 counties: int | None = None, townships: int = 12, junior_grades: tuple[str, ...] = JUNIOR_NUMBERED,
                 duplicate_ids: float = 0.0, bad_check_digits: float = 0.0, newline: str = "\r\n") -> Path:
    """A 学籍 export of `rows` pupils (header ROSTER_HEADER) at `path`; returns the path.

    encoding: "utf-8", "utf-8-sig" (Excel's CSV UTF-8, with a BOM) or "gbk" (Excel's plain CSV on Chinese Windows).
    school_year: the year the school year starts (birth dates fit the grades then). counties: default one per
    100,000 pupils. junior_grades: JUNIOR_NUMBERED (七年级…) or JUNIOR_CHU (初一…). duplicate_ids: the share of
    rows repeating another row's pupil (name, sex, ID); bad_check_digits: the share of IDs with a wrong check digit.
    """
    rng = np.random.default_rng(seed)
    counties = counties or max(1, -(-rows // PUPILS_PER_COUNTY))
    places = build_places(rng, rows, counties, townships, PRIMARY_GRADES + tuple(junior_grades))
    ids = IdMaker(school_year, places.region_codes)
    blocks = _roster_blocks(rng, rows, places, ids, duplicate_ids, bad_check_digits)
    return _write_blocks(path, ROSTER_HEADER, blocks, encoding, newline)


def _ledger_rows(rng, rows: int, places: Places, ids: IdMaker, grades: tuple[str, ...],
                 states=RETURN_WEIGHTS) -> list[list[str]]:
    """One county's dropouts, junior pupils the most; health-related states come with a health reason and, mostly,
    a disability. `states`: the weights of RETURN_STATES."""
    boys, girls, adults = _name_pool(rng, BOY_CHARS), _name_pool(rng, GIRL_CHARS), _name_pool(rng, ADULT_CHARS, 2000)
    slot = _pick(rng, np.diff(places.cumulative, prepend=0) * np.where(places.slot_grade >= 6, 5, 1), rows)
    grade, county = places.slot_grade[slot], places.slot_county[slot]
    male = rng.random(rows) < 0.55
    names = np.where(male, boys[rng.integers(len(boys), size=rows)], girls[rng.integers(len(girls), size=rows)])
    first17 = ids.make(rng, county, grade, male)
    state = _pick(rng, states, rows)
    health = state >= RETURN_STATES.index("因身体原因不具备学习条件")
    reason = np.where(health, REASONS.index("身体原因"), _pick(rng, REASON_WEIGHTS, rows))
    disability = np.where(health & (rng.random(rows) < 0.8), _pick(rng, DISABILITY_WEIGHTS, rows),
                          _disability(rng, rows, 0.03))
    flags = {flag: _flags(rng, rows, yes) for flag, yes in (("脱贫户", 0.15), ("孤儿", 0.02), ("事实无人抚养", 0.04),
                                                            ("留守儿童", 0.25), ("随迁子女", 0.05))}
    keepers = adults[rng.integers(len(adults), size=rows)]  # 包保责任人: made-up adults
    found = []
    for i, id_text in enumerate(id_texts(first17, check_digits(first17))):
        town = places.towns[places.slot_town[slot[i]]][1]
        found.append([names[i], id_text, town, places.slot_school[slot[i]], grades[grade[i]], REASONS[reason[i]],
                      RETURN_STATES[state[i]], keepers[i], FLAGS[flags["脱贫户"][i]], DISABILITIES[disability[i]],
                      FLAGS[flags["孤儿"][i]], FLAGS[flags["事实无人抚养"][i]], FLAGS[flags["留守儿童"][i]],
                      FLAGS[flags["随迁子女"][i]]])
    return found


def write_ledger(path, rows: int, seed: int = 1, *, encoding: str = "utf-8", school_year: int = 2024,
                 townships: int = 12, junior_grades: tuple[str, ...] = JUNIOR_NUMBERED,
                 newline: str = "\r\n") -> Path:
    """A county's 辍学学生台账 of `rows` dropouts (header LEDGER_HEADER) at `path`; returns the path.

    Small by nature (a county has tens to hundreds of dropouts), so written row by row; options as write_roster.
    """
    rng = np.random.default_rng(seed)
    grades = PRIMARY_GRADES + tuple(junior_grades)
    places = build_places(rng, rows, 1, townships, grades)
    lines = list(map(",".join, _ledger_rows(rng, rows, places, IdMaker(school_year, places.region_codes), grades)))
    return _write_blocks(path, LEDGER_HEADER, [lines] if lines else [], encoding, newline)


# --- a ledger month by month (kongchuo monthly) -----------------------------------------------------------------

MONTHLY_HEADER = (*LEDGER_HEADER, "台账类别", "登记日期", "劝返次数", "最近劝返日期", "法律措施", "销号日期", "销号原因",
                  "统计时点")
OPEN_WEIGHTS = (1, 2, 0, 0, 0, 0)  # 未劝返, 劝返中
CLOSED_WEIGHTS = (0, 0, 6, 2, 1, 1)  # 已复学, 转学核实, 身体原因, 送教上门
# What happens to an open case in a month: returned, closed for another reason, vanished (no reason: a data
# problem), moved to another township; the rest stay open, some visited again, some a step up the legal ladder
FATES = {"returned": 0.08, "closed": 0.02, "vanished": 0.005, "moved": 0.01}
VISITED, STEPPED = 0.4, 0.05
LADDER = ("", "批评教育", "责令限期改正", "限期复学通知书", "行政处罚决定书")
OTHER_REASONS = ("转学核实", "超龄", "政策性休学", "死亡")


def write_ledger_months(folder, open_cases: int, months: int = 2, seed: int = 1, *, encoding: str = "utf-8",
                        townships: int = 12, school_year: int = 2024, newline: str = "\r\n") -> list[Path]:
    """Month-end snapshots of one county's dropout ledger (header MONTHLY_HEADER, 统计时点 as a column, September
    onwards) in `folder` as 台账-1.csv, 台账-2.csv…, each with about `open_cases` open cases (the first exactly)
    and a fifth as many closed ones: each month FATES take some cases off (or to another township) and as many
    new ones come in; closed cases stay listed."""
    rng = np.random.default_rng(seed)
    grades = PRIMARY_GRADES + JUNIOR_NUMBERED
    total = open_cases * (1 + months) // 4 + open_cases  # enough places for the newcomers too
    places = build_places(rng, total, 1, townships, grades)
    ids = IdMaker(school_year, places.region_codes)
    extra = ["辍学", "2024-09-01", "0", "", "", "", ""]
    rows = [[*row, *extra] for row in _ledger_rows(rng, open_cases, places, ids, grades, OPEN_WEIGHTS)]
    rows += [[*row, *extra[:-2], "2024-09-20", row[6]] for row in _ledger_rows(rng, open_cases // 5, places, ids,
                                                                                  grades, CLOSED_WEIGHTS)]
    column = {name: position for position, name in enumerate(MONTHLY_HEADER)}
    paths = []
    for month in range(months):
        day = str(np.datetime64(f"{school_year}-{10 + month:02d}-01") - np.timedelta64(1, "D"))
        if month:
            rows = _next_month(rng, rows, column, day, places)
            leaving = open_cases - sum(not row[column["销号原因"]] for row in rows)
            rows += [[*row, "辍学", day, "0", "", "", "", ""]
                     for row in _ledger_rows(rng, max(0, leaving), places, ids, grades, OPEN_WEIGHTS)]
        lines = [",".join([*row, day]) for row in rows]
        paths.append(_write_blocks(Path(folder) / f"台账-{month + 1}.csv", MONTHLY_HEADER, [lines], encoding, newline))
    return paths


def _next_month(rng, rows: list[list[str]], column: dict[str, int], day: str, places: Places) -> list[list[str]]:
    """The ledger a month later: the fate of each open case (FATES, visits, the legal ladder)."""
    kept = []
    for row, fate, visit, step, other in zip(rows, rng.random(len(rows)), rng.random(len(rows)),
                                             rng.random(len(rows)), rng.integers(len(places.slot_school),
                                                                                 size=len(rows))):
        row = row[:]
        if row[column["销号原因"]]:
            kept.append(row)
            continue
        fates = np.cumsum(list(FATES.values()))
        if fate < fates[0]:
            row[column["劝返状态"]] = row[column["销号原因"]] = "已复学"
            row[column["销号日期"]] = day
        elif fate < fates[1]:
            row[column["销号原因"]] = OTHER_REASONS[int(other) % len(OTHER_REASONS)]
            row[column["销号日期"]] = day
        elif fate < fates[2]:
            continue
        elif fate < fates[3]:
            row[column["乡镇"]] = places.towns[places.slot_town[other]][1]
            row[column["学校"]] = places.slot_school[other]
        if visit < VISITED:
            row[column["劝返次数"]] = str(int(row[column["劝返次数"]] or 0) + 1)
            row[column["最近劝返日期"]] = day
            row[column["劝返状态"]] = row[column["劝返状态"]] if row[column["销号原因"]] else "劝返中"
        if step < STEPPED:
            row[column["法律措施"]] = LADDER[min(len(LADDER) - 1, LADDER.index(row[column["法律措施"]]) + 1)]
        kept.append(row)
    return kept
