<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
  <context>
    <name>cnnviz.core.lessons.alexnet_choices</name>
    <message>
      <location filename="cnnviz/core/lessons/alexnet_choices.py" />
      <source>AlexNet's choices</source>
      <translation>AlexNet 的设计选择</translation>
    </message>
    <message>
      <location filename="cnnviz/core/lessons/alexnet_choices.py" />
      <source>AlexNet (2012) won ImageNet with a few choices that are now everywhere: ReLU instead of tanh, dropout before its fully connected layers, max-pooling windows that overlap (3x3, stride 2), and more training images made from each one by flips, shifted crops and small colour changes.

The paper trained a four-layer network on CIFAR-10 with ReLU and with tanh and reached 25 % training error six times sooner with ReLU. Here a small network of the same shape trains twice on the same digits, side by side, with the same starting weights and the same batches: only the choice you pick differs. The numbers are what this run measures, not the paper's: in a net this small, on easy data, tanh units rarely saturate and the gap can shrink or even turn around. ReLU's advantage is that it does not saturate, which counts most in deep nets trained for long.

The Feature maps dock shows the one-tower AlexNet (random weights) at its first max-pool, whose 3x3 windows overlap: each shares a row and a column with the next. The page reads from the model what size each of its pools makes of its input, and what a non-overlapping 2x2 pool would make.</source>
      <translation>AlexNet（2012）凭借几项如今随处可见的设计赢得了 ImageNet 竞赛：用 ReLU 代替 tanh；在全连接层之前使用 Dropout；最大池化的窗口相互重叠（3x3，步幅 2）；再通过翻转、平移裁剪和轻微的颜色变化，把每张训练图像变成更多张。

论文在 CIFAR-10 上分别用 ReLU 和 tanh 训练了一个四层网络，ReLU 达到 25% 训练错误率的速度是 tanh 的六倍。这里，一个结构相同的小网络在同一批手写数字上并排训练两次，初始权重相同，每一步的批次也相同：只有你选择的那一项不同。下面的数字是这次运行实际测得的，而不是论文中的：在这么小的网络和这么简单的数据上，tanh 单元很少饱和，两者的差距可能缩小，甚至反过来。ReLU 的优势在于它不会饱和，这在长时间训练的深层网络中最为重要。

特征图面板显示的是单塔 AlexNet（随机权重）的第一个最大池化层，它的 3x3 窗口相互重叠：每个窗口都与下一个窗口共享一行和一列。本页从模型中读出每个池化层把输入变成多大，以及不重叠的 2x2 池化会得到多大。</translation>
    </message>
    <message>
      <location filename="cnnviz/core/lessons/alexnet_choices.py" />
      <source>Watch which bold error curve drops below the dashed target line first, and read the ratio of their steps; then pick dropout or pooling and press Start.</source>
      <translation>观察哪条粗的错误率曲线先降到虚线目标以下，读出两者所用步数之比；然后选择 Dropout 或池化，按“开始”。</translation>
    </message>
  </context>
</TS>
