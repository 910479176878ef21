# j2 from 'macros.j2' import header
# {{ header("Gut", "Good") }}

# %%
print("fine")
