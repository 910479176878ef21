# %%
print(2)
