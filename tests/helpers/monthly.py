"""Three month-end snapshots of a made-up county's dropout ledger (辍学学生台账), small enough to follow by hand: every
event kind happens between them, and every key a child can be followed by is used. Shared by the tests of reading,
judging and the command. Names and IDs are invented (check digits computed in tests/helpers/rosters.py).

September (统计时点 in a title line): open 钱二, 孙三, 李四 in 甲镇; 周五, 吴六, 冯八 in 乙镇; 郑七 closed (已复学).
October (统计时点 as a column):
    钱二 已复学 (returned), 孙三 visited twice more and 批评教育 (visits, legal) and listed twice (a problem),
    李四 gone with no reason (vanished), 周五 (学籍号 only) moved 乙镇 → 甲镇 (moved), 吴六 (no ID: name, birth
    date and school) 未劝返 → 劝返中 and 疑似辍学 → 辍学 (two status events), 郑七 open again (reappeared), 冯八
    转学核实 (closed); new: 陈九 in 乙镇, and 褚十 in 甲镇, registered and back at school within the month (new and
    returned).
November (报送日期 in the cell beside its label): 孙三 已复学 (returned), 周五 限期复学通知书 (legal), 陈九 超龄
(closed), 卫十一 new in 乙镇; 钱二 and 冯八 no longer listed (closed before: no event).
"""

from tests.helpers.rosters import made_up_id

HEADER = ["姓名", "身份证号", "全国学籍号", "出生日期", "乡镇", "学校", "年级", "台账类别", "登记日期", "劝返状态", "劝返次数",
          "最近劝返日期", "法律措施", "销号日期", "销号原因", "安置方式", "脱贫户", "残疾类型", "留守儿童", "包保责任人"]

QIAN = made_up_id("430101", "20150710", "002")  # 钱二
SUN = made_up_id("430101", "20110120", "003")  # 孙三
LI = made_up_id("430102", "20120909", "004")  # 李四
ZHENG = made_up_id("430102", "20100101", "007")  # 郑七
FENG = made_up_id("430102", "20100202", "008")  # 冯八
CHEN = made_up_id("430102", "20140303", "009")  # 陈九
CHU = made_up_id("430101", "20160404", "010")  # 褚十
WEI = made_up_id("430102", "20130505", "011")  # 卫十一
ZHOU_STUDENT = "L" + made_up_id("430102", "20120606", "012")[:17] + "5"  # 周五: a temporary 学籍号, no ID
SECRETS = ("钱二", "孙三", "李四", "周五", "吴六", "郑七", "冯八", "陈九", "褚十", "卫十一", QIAN, SUN, LI, ZHENG, FENG,
           CHEN, CHU, WEI, ZHOU_STUDENT)


def case(name, id_number="", student_id="", born="", township="", school="", grade="", category="辍学",
         registered="", status="", visits="", last_visit="", legal="", closed_on="", reason="", placement="",
         poverty="", disability="", left_behind="", keeper="王干部"):
    return [name, id_number, student_id, born, township, school, grade, category, registered, status, visits,
            last_visit, legal, closed_on, reason, placement, poverty, disability, left_behind, keeper]


QIAN_SEPT = case("钱二", QIAN, "", "2015-07-10", "甲镇", "中心小学", "四年级", registered="2024-09-02", status="未劝返",
                 visits="0")
SUN_SEPT = case("孙三", SUN, "G" + SUN, "2011-01-20", "甲镇", "中心小学", "六年级", registered="2024-09-03",
                status="劝返中", visits="1", last_visit="2024-09-20", poverty="是")
LI_SEPT = case("李四", LI, "", "2012-09-09", "甲镇", "初级中学", "七年级", registered="2024-09-04", status="未劝返")
ZHOU_SEPT = case("周五", "", ZHOU_STUDENT, "2012-06-06", "乙镇", "初级中学", "七年级", registered="2024-09-01",
                 status="劝返中", visits="2", last_visit="2024-09-15", poverty="是", left_behind="是")
WU_SEPT = case("吴六", "", "", "2011-11-11", "乙镇", "初级中学", "八年级", category="疑似辍学", registered="2024-09-05",
               status="未劝返", disability="智力")
ZHENG_SEPT = case("郑七", ZHENG, "", "2010-01-01", "乙镇", "初级中学", "九年级", registered="2024-09-01",
                  status="已复学", visits="2", last_visit="2024-09-10", closed_on="2024-09-25", reason="已复学",
                  left_behind="是")
FENG_SEPT = case("冯八", FENG, "", "2010-02-02", "乙镇", "初级中学", "九年级", registered="2024-09-06", status="未劝返")

SEPTEMBER = [["某县辍学学生台账（虚构）"], ["统计时点：2024年9月30日"], HEADER,
             QIAN_SEPT, SUN_SEPT, LI_SEPT, ZHOU_SEPT, WU_SEPT, ZHENG_SEPT, FENG_SEPT,
             ["填表人：王老师"]]
# spreadsheet rows: the header on row 3, 钱二 4, 孙三 5, 李四 6, 周五 7, 吴六 8, 郑七 9, 冯八 10

SUN_OCT = case("孙三", SUN, "G" + SUN, "2011-01-20", "甲镇", "中心小学", "六年级", registered="2024-09-03",
               status="劝返中", visits="3", last_visit="2024-10-20", legal="批评教育", poverty="是")
ZHOU_OCT = case("周五", "", ZHOU_STUDENT, "2012-06-06", "甲镇", "初级中学", "七年级", registered="2024-09-01",
                status="劝返中", visits="2", last_visit="2024-09-15", poverty="是", left_behind="是")
WU_OCT = case("吴六", "", "", "2011-11-11", "乙镇", "初级中学", "八年级", category="辍学", registered="2024-09-05",
              status="劝返中", disability="智力")
ZHENG_OCT = case("郑七", ZHENG, "", "2010-01-01", "乙镇", "初级中学", "九年级", registered="2024-09-01",
                 status="劝返中", visits="3", last_visit="2024-10-25", left_behind="是")
CHEN_OCT = case("陈九", CHEN, "", "2014-03-03", "乙镇", "中心小学", "四年级", registered="2024-10-08", status="未劝返",
                visits="0")
OCTOBER = [["统计时点", *HEADER],
           ["2024-10-31", *case("钱二", QIAN, "", "2015-07-10", "甲镇", "中心小学", "四年级", registered="2024-09-02",
                                status="已复学", visits="1", last_visit="2024-10-10", closed_on="2024-10-15",
                                reason="已复学", placement="普通学校")],
           ["2024-10-31", *SUN_OCT],
           ["2024-10-31", *ZHOU_OCT],
           ["2024-10-31", *WU_OCT],
           ["2024-10-31", *ZHENG_OCT],
           ["2024-10-31", *case("冯八", FENG, "", "2010-02-02", "乙镇", "初级中学", "九年级", registered="2024-09-06",
                                status="转学核实", closed_on="2024-10-20", reason="转学核实")],
           ["2024-10-31", *CHEN_OCT],
           ["2024-10-31", *case("褚十", CHU, "", "2016-04-04", "甲镇", "中心小学", "二年级", registered="2024-10-09",
                                status="已复学", visits="1", last_visit="2024-10-11", closed_on="2024-10-12",
                                reason="已复学", placement="普通学校")],
           ["2024-10-31", *SUN_OCT]]
# rows: header 1, 钱二 2, 孙三 3, 周五 4, 吴六 5, 郑七 6, 冯八 7, 陈九 8, 褚十 9, 孙三 again 10

NOVEMBER = [["报送日期", "2024/11/30"], HEADER,
            case("孙三", SUN, "G" + SUN, "2011-01-20", "甲镇", "中心小学", "六年级", registered="2024-09-03",
                 status="已复学", visits="4", last_visit="2024-11-05", legal="批评教育", closed_on="2024-11-10",
                 reason="已复学", placement="普通学校", poverty="是"),
            case("周五", "", ZHOU_STUDENT, "2012-06-06", "甲镇", "初级中学", "七年级", registered="2024-09-01",
                 status="劝返中", visits="3", last_visit="2024-11-20", legal="批评教育、限期复学通知书", poverty="是",
                 left_behind="是"),
            WU_OCT,
            case("郑七", ZHENG, "", "2010-01-01", "乙镇", "初级中学", "九年级", registered="2024-09-01",
                 status="劝返中", visits="3", last_visit="2024-10-25", left_behind="是"),
            case("陈九", CHEN, "", "2014-03-03", "乙镇", "中心小学", "四年级", registered="2024-10-08", status="未劝返",
                 visits="0", closed_on="2024-11-15", reason="超龄"),
            case("卫十一", WEI, "", "2013-05-05", "乙镇", "中心小学", "五年级", registered="2024-11-12",
                 status="未劝返")]
# rows: 报送日期 1, header 2, 孙三 3, 周五 4, 吴六 5, 郑七 6, 陈九 7, 卫十一 8
