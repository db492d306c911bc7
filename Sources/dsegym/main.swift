import GymCommands
DSEGym.main()
