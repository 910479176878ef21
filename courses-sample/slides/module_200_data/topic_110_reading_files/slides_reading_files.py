# j2 from 'macros.j2' import header
# {{ header("Dateien lesen", "Reading Files") }}

# %% [markdown] lang="de" tags=["slide"]
#
# ## Eine CSV-Datei lesen
#
# Die Datei `data/prices.csv` liegt neben diesem Notebook.

# %% [markdown] lang="en" tags=["slide"]
#
# ## Reading a CSV file
#
# The file `data/prices.csv` lies next to this notebook.

# %%
import csv

with open("data/prices.csv", newline="", encoding="utf-8") as file:
    rows = list(csv.DictReader(file))

# %%
total = sum(float(row["price"]) for row in rows)
print(f"{len(rows)} items, total {total:.2f}")
