fn main() {
    bantin::start();
}
