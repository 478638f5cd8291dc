"""Schools of two kinds (城乡: 城镇 or 农村) and a thresholds file whose groups judge each kind by its own 两基 lines
and one named school by a line of its own: shared by the tests of `check`, `explain` and `thresholds check`."""

SCHOOLS = [["乡镇", "学校", "城乡", "初中辍学人数", "初中学年初在校生数"],
           ["甲镇", "中心小学", "城镇", "5", "200"], ["甲镇", "二中", "农村", "5", "200"],
           ["乙镇", "中心小学", "农村", "5", "200"], ["丙镇", "中心小学", "城镇", "5", "200"]]
LINES = """version: 1
extends: liangji-urban
groups:
  - name: 农村
    when: {城乡: 农村}
    extends: liangji-rural
  - when: {unit: 丙镇/中心小学}
    indicators:
      dropout_junior: {target: "<= 2.5%", source: 县教育局文件}
"""
