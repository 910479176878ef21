"""Counts down from ten: an exercise for the loops topic."""

for number in range(10, 0, -1):
    print(number)
print("Liftoff!")
