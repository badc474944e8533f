#!/usr/bin/env python3
# docs/python.md's worked example: the maternal-mortality targets of a folder of plans, as a table
# by district and a bar chart saved as PNG. Runs as `make python-example`, and in the tests.
#
#   python3 docs/python_example.py [FOLDER] [PNG]     (default: corpus docs/python-maternal-mortality.png)
import sys
import warnings

import matplotlib

matplotlib.use("Agg")  # no display needed
import matplotlib.pyplot as plt
from matplotlib import font_manager

import guihua

folder = sys.argv[1] if len(sys.argv) > 1 else "corpus"
png = sys.argv[2] if len(sys.argv) > 2 else "docs/python-maternal-mortality.png"

# The PDF-extracted plans come with layout notes (a traditional character read as simplified…);
# they are warnings, not errors: keep them out of this example's output.
warnings.simplefilter("ignore", guihua.DocumentWarning)

# 1. Every value of every plan in the folder, as a DataFrame with numeric value and year columns.
df = guihua.frame(guihua.extract(folder))

# 2. The maternal-mortality targets, one row per district.
mmr = df[(df["indicator_id"] == "maternal_mortality") & (df["kind"] == "target")]
table = mmr[["district", "period_start", "period_end", "comparator", "value", "unit", "quote"]]
print(table.sort_values("value").to_string(index=False))
by_district = mmr.groupby("district")["value"].min().sort_values()

# A district whose plan promises no number for it (a goal such as 得到有效控制) has a direction row.
directions = df[(df["indicator_id"] == "maternal_mortality") & (df["kind"] == "direction")]
for _, row in directions.iterrows():
    print(f"{row['district']}: no number, only '{row['value_text']}' (line {row['line']})")

# 3. A bar chart with Chinese labels: Debian's fonts-noto-cjk (tools/install-deps installs it).
installed = {f.name for f in font_manager.fontManager.ttflist}
cjk = [f for f in ("Noto Sans CJK SC", "Noto Sans CJK JP", "WenQuanYi Zen Hei") if f in installed]
plt.rcParams["font.family"] = cjk + ["DejaVu Sans"]

fig, ax = plt.subplots(figsize=(6.4, 3.6))
bars = ax.bar(by_district.index, by_district.values, color="#b8474d", width=0.6)
ax.bar_label(bars, labels=[f"≤{v:g}" for v in by_district.values])
# A district with a goal but no number gets an empty bar that says so, with the goal's words.
goals = directions.groupby("district")["value_text"].first()
for district in goals.index.difference(by_district.index):
    ax.bar(district, 0, width=0.6)
    ax.annotate(f"无数值\n({goals[district]})", (district, 0.5), ha="center", va="bottom",
                color="#666666")
ax.set_ylabel("目标值 (/10万)")
ax.set_ylim(0, by_district.max() * 1.25)
ax.set_title("孕产妇死亡率目标 Maternal mortality targets, 2025/2030")
ax.spines[["top", "right"]].set_visible(False)
fig.tight_layout()
fig.savefig(png, dpi=110)
print(f"wrote {png}")
