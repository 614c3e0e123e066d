print("racksim")
