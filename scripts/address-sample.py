#!/usr/bin/env python3
"""Writes the project's SAMPLE road-name address files for one district (서울특별시 종로구) in
juso.go.kr's documented layouts (도로명코드: 17 columns; 도로명주소 한글: 24 columns), `|`-separated,
CP949 as juso.go.kr ships them. The road names are 종로구's; every number, code, postcode and
building below is made up by this script: it is a sample, not juso.go.kr's data.

    python3 scripts/address-sample.py assets/address/sample
"""
import random
import sys
from pathlib import Path

SIGUNGU = ("11110", "서울특별시", "Seoul", "종로구", "Jongno-gu")
# (road, its Roman name, the 법정동 it runs through, that 동's Roman name)
ROADS = [
    ("세종대로", "Sejong-daero", "세종로", "Sejongno"),
    ("사직로", "Sajik-ro", "사직동", "Sajik-dong"),
    ("자하문로", "Jahamun-ro", "청운동", "Cheongun-dong"),
    ("율곡로", "Yulgok-ro", "안국동", "Anguk-dong"),
    ("종로", "Jong-ro", "종로1가", "Jongno 1(il)-ga"),
    ("삼일대로", "Samil-daero", "관수동", "Gwansu-dong"),
    ("인사동길", "Insadong-gil", "관훈동", "Gwanhun-dong"),
    ("북촌로", "Bukchon-ro", "가회동", "Gahoe-dong"),
    ("창경궁로", "Changgyeonggung-ro", "원남동", "Wonnam-dong"),
    ("대학로", "Daehak-ro", "혜화동", "Hyehwa-dong"),
    ("평창문화로", "Pyeongchangmunhwa-ro", "평창동", "Pyeongchang-dong"),
    ("세검정로", "Segeomjeong-ro", "신영동", "Sinyeong-dong"),
    ("자하문로7길", "Jahamun-ro 7-gil", "통인동", "Tongin-dong"),
    ("삼봉로", "Sambong-ro", "수송동", "Susong-dong"),
    ("돈화문로", "Donhwamun-ro", "묘동", "Myo-dong"),
    ("창의문로", "Changuimun-ro", "부암동", "Buam-dong"),
]
NAMES = ["표본빌딩", "표본아파트", "표본주민센터", "표본도서관", "표본상가", "표본빌라", "표본오피스텔", ""]


def main(out: Path) -> None:
    rng = random.Random(20261201)
    out.mkdir(parents=True, exist_ok=True)
    code, sido, sido_r, sgg, sgg_r = SIGUNGU
    road_lines, address_lines = [], []
    for r, (road, road_r, dong, dong_r) in enumerate(ROADS):
        road_code = f"{code}{3100000 + 17 * (r + 1):07d}"
        dong_code = f"{code}{101 + r:03d}00"
        road_lines.append("|".join([
            road_code, road, road_r, "00", sido, sido_r, sgg, sgg_r, dong, dong_r,
            "1", dong_code[5:8], "0", "", "신규", "20110729", "",
        ]))
        number = 0
        for b in range(rng.randint(14, 30)):
            number += rng.choice([2, 2, 4, 6])
            sub = rng.choice([0, 0, 0, 0, 1, 2, 3])
            lot_main, lot_sub = rng.randint(1, 300), rng.choice([0, 0, 1, 2, 5, 12])
            postcode = f"03{rng.randint(0, 199):03d}"
            name = rng.choice(NAMES)
            # One building underground and one on a mountain lot, as the real files have.
            under = "1" if (r, b) == (0, 1) else "0"
            mountain = "1" if (r, b) == (11, 0) else "0"
            building_id = f"{code}{dong_code[5:8]}{road_code[5:]}{under}{number:05d}{sub:05d}"
            address_lines.append("|".join([
                building_id, dong_code, sido, sgg, dong, "", mountain, str(lot_main), str(lot_sub),
                road_code, road, under, str(number), str(sub), dong_code, dong, postcode, "",
                "20110729", "1" if "아파트" in name else "0", "31", name, name, "",
            ]))
    (out / "SAMPLE_road_code_jongno.txt").write_bytes(("\r\n".join(road_lines) + "\r\n").encode("cp949"))
    (out / "SAMPLE_rnaddrkor_jongno.txt").write_bytes(("\r\n".join(address_lines) + "\r\n").encode("cp949"))
    print(f"{len(road_lines)} roads, {len(address_lines)} addresses in {out}")


if __name__ == "__main__":
    main(Path(sys.argv[1] if len(sys.argv) > 1 else "assets/address/sample"))
