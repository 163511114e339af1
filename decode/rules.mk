# decode/: owned by the decode library work; placeholder until it lands.
