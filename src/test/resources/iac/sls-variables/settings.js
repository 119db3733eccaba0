module.exports.value = () => 'x';
