// placeholder module file
