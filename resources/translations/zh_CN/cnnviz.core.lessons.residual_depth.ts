<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
  <context>
    <name>cnnviz.core.lessons.residual_depth</name>
    <message>
      <location filename="cnnviz/core/lessons/residual_depth.py" />
      <source>Why residual blocks let depth train</source>
      <translation>为什么残差模块让深层网络训练得动</translation>
    </message>
    <message>
      <location filename="cnnviz/core/lessons/residual_depth.py" />
      <source>Two networks of 19 convolutions start from the same random weights and learn the same digits side by side. The only difference: the residual one adds each block's input to the block's output (a shortcut), as ResNet does.

In the plain chain, the gradient that reaches a layer is multiplied by the derivative of every layer after it. Each factor shrinks it a little; nineteen of them shrink it by orders of magnitude, so the first layers hardly learn and the loss hardly moves. The shortcuts carry the gradient back unchanged, and every layer of the residual twin learns.

The bars are each layer's gradient norm on a log scale, the input on the left; the curves are the training losses (faint: each step; bold: smoothed; dots: validation after each epoch).</source>
      <translation>两个各有 19 个卷积层的网络从相同的随机权重出发，并排学习同一批手写数字。唯一的区别是：残差网络像 ResNet 那样，把每个模块的输入加到该模块的输出上（捷径连接）。

在普通的链式网络中，传到某一层的梯度要乘上它后面每一层的导数。每个因子都让梯度缩小一点，19 个因子相乘就缩小了好几个数量级，于是前面几层几乎学不到东西，损失也几乎不动。捷径连接把梯度原样传回，残差网络的每一层都能学习。

柱形是每层的梯度范数（对数刻度，左边靠近输入）；曲线是训练损失（浅色：每一步；粗线：平滑后；圆点：每轮结束后的验证结果）。</translation>
    </message>
    <message>
      <location filename="cnnviz/core/lessons/residual_depth.py" />
      <source>Compare the first bars of the two colours: the plain net's sit orders of magnitude below the residual one's. Then watch the losses: the plain one stays near chance (the dashed line) while the residual one falls.</source>
      <translation>比较两种颜色最左边的几根柱形：普通网络的比残差网络的低好几个数量级。再看损失曲线：普通网络一直停在随机猜测的水平（虚线）附近，而残差网络的损失不断下降。</translation>
    </message>
  </context>
</TS>
